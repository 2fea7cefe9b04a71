package no.sentral.api.organisation;

/** {@code PENDING} while its SIM is on its way, then {@code ACTIVE}; {@code TERMINATED} at the end. */
public enum SubscriptionStatus {
    PENDING, ACTIVE, TERMINATED
}
