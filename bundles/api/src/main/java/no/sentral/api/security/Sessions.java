package no.sentral.api.security;

import java.time.Instant;
import java.util.Optional;

/**
 * Browser sessions (issue 11 §2): a person logs in once and the browser carries a random session token in a
 * cookie, so the password is not derived again on every request. Kept in the database, so that they survive a
 * restart and work on every node, and in memory for speed. A session ends when idle too long, at its absolute
 * end, at logout, and when its login's password changes or the login is withdrawn; a role change applies to it
 * at once.
 */
public interface Sessions {

    /**
     * A live session.
     *
     * @param csrfToken what a state-changing request made with the session's cookie must carry in {@code X-CSRF-Token}
     * @param expires   when it ends at the latest, however busy
     */
    record Session(SentralPrincipal principal, String csrfToken, Instant expires) {
    }

    /** A session just opened: {@code token} goes into the cookie and is never stored, only its hash. */
    record Opened(String token, Session session) {
    }

    /** Opens a session for a person the realm just verified (not for API tokens). */
    Opened open(SentralPrincipal person);

    /** The live session of a cookie's token, with its login's current roles; empty when none (or ended). */
    Optional<Session> find(String token);

    /** Ends the session of {@code token} on every node (logout). */
    void close(String token);
}
