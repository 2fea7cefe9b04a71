package no.sentral.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import no.sentral.api.security.CredentialsChanged;
import no.sentral.api.security.CredentialsListener;
import no.sentral.api.security.Secrets;
import no.sentral.api.security.SentralPrincipal;

/**
 * Basic and Bearer credentials verified in the last {@link #ttl} (issue 11 §2), so that a client's every request
 * does not pay a PBKDF2 derivation (about half a second at 600,000 iterations) or a token lookup. The key is a
 * SHA-256 of the {@code Authorization} header: the cache never holds a password or token. A
 * {@link CredentialsChanged} empties what it concerns at once, and a verification that began before a change
 * is not remembered after it.
 */
final class CredentialCache implements CredentialsListener {

    /** Beyond this many entries the expired ones are swept; a flood of distinct credentials empties it. */
    static final int MAX_ENTRIES = 10_000;

    /** The time of verification, not of expiry, so that a shorter {@link #ttl} applies to what is cached too. */
    private record Entry(SentralPrincipal principal, Instant verified) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final Clock clock;
    private volatile Duration ttl;

    CredentialCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** A new time to live (configuration {@code credentialCacheSeconds}), for the next lookup already; 0 caches nothing. */
    void ttl(Duration ttl) {
        this.ttl = ttl;
    }

    static String key(String authorization) {
        return Secrets.sha256Hex(authorization);
    }

    /**
     * A remembered principal, and whether it is due to be verified again: in the last quarter of its
     * {@link #ttl}, so that a client in use is verified again in the background before its entry expires.
     */
    record Known(SentralPrincipal principal, boolean refreshDue) {
    }

    Optional<Known> get(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(entry, now)) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        Duration age = Duration.between(entry.verified(), now);
        return Optional.of(new Known(entry.principal(), age.multipliedBy(4).compareTo(ttl.multipliedBy(3)) >= 0));
    }

    /** Forgets a credential that no longer logs in. */
    void forget(String key) {
        entries.remove(key);
    }

    /** What {@link #remember} needs to know whether a change came while a credential was being verified. */
    long generation() {
        return changes.get();
    }

    /** Remembers a principal verified since {@code generation}, unless credentials changed meanwhile. */
    void remember(String key, SentralPrincipal principal, long generation) {
        if (entries.size() >= MAX_ENTRIES) {
            Instant now = clock.instant();
            entries.values().removeIf(e -> expired(e, now));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(principal, clock.instant()));
        if (changes.get() != generation) {
            entries.remove(key);
        }
    }

    private boolean expired(Entry entry, Instant now) {
        return !now.isBefore(entry.verified().plus(ttl));
    }

    @Override
    public void changed(CredentialsChanged change) {
        changes.incrementAndGet();
        entries.values().removeIf(e -> change.concerns(e.principal()));
    }

    int size() {
        return entries.size();
    }
}
