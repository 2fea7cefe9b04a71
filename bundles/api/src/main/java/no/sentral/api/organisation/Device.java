package no.sentral.api.organisation;

import java.time.Instant;

/** A phone, tablet or other device seen in the network with one of the company's SIMs (PORTAL-05). */
public record Device(String imei, String model, String iccid, String subscriptionId, Instant firstSeen,
                     Instant lastSeen) {
}
