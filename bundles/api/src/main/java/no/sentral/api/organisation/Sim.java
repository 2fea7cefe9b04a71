package no.sentral.api.organisation;

/** A SIM card the company holds; {@code IN_STOCK} means unused and free to activate. */
public record Sim(String iccid, SimStatus status, String subscriptionId) {
}
