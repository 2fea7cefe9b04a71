package no.sentral.api.organisation;

/** Fixed line or mobile. */
public enum SubscriptionKind {
    MOBILE, FIXED
}
