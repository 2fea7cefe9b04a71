package no.sentral.api.security;

/**
 * Failed logins slow down further ones (issue 11 §2), per account and per source address, with delays that grow
 * with each failure. Whoever verifies a password asks {@link #retryAfter} first and answers "try again later"
 * without checking anything while it is above zero, then reports the outcome. Lockouts are audited.
 */
public interface LoginThrottle {

    /**
     * Seconds before {@code account} (null when unknown, e.g. an API token) may try again from {@code address}
     * (null when unknown); 0 when it may now.
     */
    long retryAfter(String account, String address);

    /** A login of {@code account} from {@code address} failed, through {@code channel} (rest, ssh, broker). */
    void failed(String account, String address, String channel);

    /** {@code account} logged in: its own failures are forgiven (its address's are not). */
    void succeeded(String account);
}
