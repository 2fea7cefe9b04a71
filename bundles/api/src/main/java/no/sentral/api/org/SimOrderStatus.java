package no.sentral.api.org;

/** The states of a SIM order. */
public enum SimOrderStatus {
    ORDERED, SENT, ACTIVATED, CANCELLED
}
