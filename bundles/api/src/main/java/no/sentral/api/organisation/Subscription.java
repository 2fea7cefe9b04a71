package no.sentral.api.organisation;

import java.util.List;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Required;

/**
 * A fixed or mobile subscription. {@code number} is E.164; {@code iccid} is the SIM in use (null for
 * fixed lines and while a SIM order is under way).
 */
public record Subscription(@Required @Format(Format.Kind.UUID) String id,
                           @Required @Format(Format.Kind.E164) String number, @Required SubscriptionKind kind,
                           @Required SubscriptionStatus status, @Format(Format.Kind.UUID) String employeeId,
                           @Required @Format(Format.Kind.UUID) String departmentId, @Required String pricePlan,
                           String iccid,
                           List<Addon> addons, DirectoryListing directory, int version) {

    public Subscription {
        addons = addons == null ? List.of() : List.copyOf(addons);
    }
}
