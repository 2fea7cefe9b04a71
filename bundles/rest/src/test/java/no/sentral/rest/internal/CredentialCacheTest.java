package no.sentral.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import no.sentral.api.security.CredentialsChanged;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.testing.ManualClock;
import org.junit.jupiter.api.Test;

/** Issue 11 §2: the short cache of verified Basic and Bearer credentials. */
class CredentialCacheTest {

    private static final SentralPrincipal KARI = new SentralPrincipal("kari", "acme", Set.of(Role.EMPLOYEE), Set.of(),
            false);
    private static final SentralPrincipal ERP = new SentralPrincipal("token:erp", "acme", Set.of(Role.EMPLOYEE),
            Set.of(), true);
    private static final SentralPrincipal OLA = new SentralPrincipal("ola", "globex", Set.of(Role.EMPLOYEE), Set.of(),
            false);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T12:00:00Z"));
    private final CredentialCache cache = new CredentialCache(clock, Duration.ofSeconds(60));

    @Test
    void keysAreHashesOfTheHeaderNeverTheSecret() {
        String key = CredentialCache.key("Basic a2FyaTpzZWNyZXQ=");
        assertEquals(64, key.length());
        assertFalse(key.contains("a2FyaTpzZWNyZXQ"));
        assertEquals(key, CredentialCache.key("Basic a2FyaTpzZWNyZXQ="));
    }

    private Optional<SentralPrincipal> principal(String key) {
        return cache.get(key).map(CredentialCache.Known::principal);
    }

    @Test
    void anEntryInItsLastQuarterIsDueToBeVerifiedAgainAndAFreshVerificationStartsItsTtlAnew() {
        cache.remember("k", KARI, cache.generation());
        clock.advance(Duration.ofSeconds(44));
        assertFalse(cache.get("k").orElseThrow().refreshDue());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(cache.get("k").orElseThrow().refreshDue(), "45 of 60 s");
        cache.remember("k", KARI, cache.generation());
        clock.advance(Duration.ofSeconds(44));
        assertFalse(cache.get("k").orElseThrow().refreshDue(), "verified again 44 s ago");
        cache.forget("k");
        assertEquals(Optional.empty(), principal("k"));
    }

    @Test
    void remembersForTheTtlOnly() {
        cache.remember("k", KARI, cache.generation());
        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.of(KARI), principal("k"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), principal("k"));
        assertEquals(0, cache.size());
    }

    @Test
    void aNewTtlAppliesToWhatIsCachedAlready() {
        cache.remember("k", KARI, cache.generation());
        clock.advance(Duration.ofSeconds(20));
        cache.ttl(Duration.ofSeconds(30));
        assertEquals(Optional.of(KARI), principal("k"));
        cache.ttl(Duration.ofSeconds(10));
        assertEquals(Optional.empty(), principal("k"), "verified 20 s ago, remembered for 10 s now");
        cache.ttl(Duration.ZERO);
        cache.remember("k", KARI, cache.generation());
        assertEquals(Optional.empty(), principal("k"), "0 caches nothing");
    }

    @Test
    void aChangeForgetsWhatItConcernsOnly() {
        cache.remember("kari", KARI, cache.generation());
        cache.remember("erp", ERP, cache.generation());
        cache.remember("ola", OLA, cache.generation());

        cache.changed(CredentialsChanged.account("acme", "kari"));
        assertEquals(Optional.empty(), principal("kari"));
        assertEquals(Optional.of(ERP), principal("erp"));

        cache.changed(CredentialsChanged.tokens("acme"));
        assertEquals(Optional.empty(), principal("erp"));
        assertEquals(Optional.of(OLA), principal("ola"));
        cache.changed(CredentialsChanged.account("acme", "ola"));
        assertTrue(principal("ola").isPresent(), "another company's login of the same name is not concerned");
    }

    @Test
    void aVerificationThatBeganBeforeAChangeIsNotRemembered() {
        long generation = cache.generation();
        cache.changed(CredentialsChanged.account("acme", "kari"));
        cache.remember("kari", KARI, generation);
        assertEquals(Optional.empty(), principal("kari"));
    }

    @Test
    void aFloodOfDistinctCredentialsDoesNotGrowItWithoutBound() {
        for (int i = 0; i < CredentialCache.MAX_ENTRIES + 10; i++) {
            cache.remember("k" + i, KARI, cache.generation());
        }
        assertTrue(cache.size() <= CredentialCache.MAX_ENTRIES, Integer.toString(cache.size()));
    }
}
