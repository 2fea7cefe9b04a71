package no.sentral.api.organisation;

/** The states of a SIM order. */
public enum SimOrderStatus {
    ORDERED, SENT, ACTIVATED, CANCELLED
}
