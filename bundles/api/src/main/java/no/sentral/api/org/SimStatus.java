package no.sentral.api.org;

/** Where a SIM card is in its life. */
public enum SimStatus {
    IN_STOCK, ACTIVE, CLOSED
}
