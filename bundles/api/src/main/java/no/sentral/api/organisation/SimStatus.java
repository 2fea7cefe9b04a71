package no.sentral.api.organisation;

/** Where a SIM card is in its life. */
public enum SimStatus {
    IN_STOCK, ACTIVE, CLOSED
}
