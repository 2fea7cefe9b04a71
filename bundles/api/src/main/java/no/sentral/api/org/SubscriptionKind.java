package no.sentral.api.org;

/** Fixed line or mobile. */
public enum SubscriptionKind {
    MOBILE, FIXED
}
