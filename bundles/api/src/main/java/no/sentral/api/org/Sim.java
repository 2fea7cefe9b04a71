package no.sentral.api.org;

/** A SIM card the company holds; {@code IN_STOCK} means unused and free to activate. */
public record Sim(String iccid, SimStatus status, String subscriptionId) {
}
