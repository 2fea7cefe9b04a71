package no.sentral.api.security;

import java.util.Objects;
import no.sentral.api.event.EventAddress;

/**
 * What a node that remembers verified credentials (or sessions) must forget at once (issue 11 §2): a login's
 * password, roles, departments or existence changed, or one of a company's API tokens was revoked. Every node
 * hears it, through {@link CredentialsListener}s on the node where it happened and as the event
 * {@value #EVENT} on the others.
 *
 * @param tenant   the company
 * @param username the login that changed, or null when it was one of the company's API tokens
 */
public record CredentialsChanged(String tenant, String username) {

    public static final String EVENT = "sentral.security.credentials-changed";
    public static final EventAddress ADDRESS = EventAddress.parse(EVENT);
    private static final String ACCOUNT = "account:";
    private static final String TOKENS = "tokens";

    public CredentialsChanged {
        Objects.requireNonNull(tenant, "tenant");
    }

    public static CredentialsChanged account(String tenant, String username) {
        return new CredentialsChanged(tenant, Objects.requireNonNull(username, "username"));
    }

    public static CredentialsChanged tokens(String tenant) {
        return new CredentialsChanged(tenant, null);
    }

    /** Whether a principal verified before this change may no longer be trusted. */
    public boolean concerns(SentralPrincipal principal) {
        return tenant.equals(principal.tenant())
                && (username == null ? principal.system() : !principal.system() && username.equals(principal.getName()));
    }

    /** The event's subject: {@code account:<username>} or {@code tokens}. */
    public String subject() {
        return username == null ? TOKENS : ACCOUNT + username;
    }

    /** The change an event of {@code tenant} with {@code subject} (from {@link #subject()}) announces. */
    public static CredentialsChanged of(String tenant, String subject) {
        if (TOKENS.equals(subject)) {
            return tokens(tenant);
        }
        if (subject != null && subject.startsWith(ACCOUNT)) {
            return account(tenant, subject.substring(ACCOUNT.length()));
        }
        throw new IllegalArgumentException("not a credentials subject: " + subject);
    }
}
