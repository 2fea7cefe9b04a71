package no.sentral.api.organisation;

import java.time.Instant;

/** A SIM ordered for a new subscription and sent to an address: ordered → sent → activated, or cancelled. */
public record SimOrder(String id, String subscriptionId, ShippingAddress address, SimOrderStatus status,
                       String iccid, Instant createdAt, Instant updatedAt, int version) {
}
