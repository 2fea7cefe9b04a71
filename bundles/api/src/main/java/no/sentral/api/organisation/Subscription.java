package no.sentral.api.organisation;

import java.util.List;

/**
 * A fixed or mobile subscription. {@code number} is E.164; {@code iccid} is the SIM in use (null for
 * fixed lines and while a SIM order is under way).
 */
public record Subscription(String id, String number, SubscriptionKind kind, SubscriptionStatus status,
                           String employeeId, String departmentId, String pricePlan, String iccid,
                           List<Addon> addons, DirectoryListing directory, int version) {

    public Subscription {
        addons = addons == null ? List.of() : List.copyOf(addons);
    }
}
