package no.sentral.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import no.sentral.api.testing.ManualClock;
import org.junit.jupiter.api.Test;

/** Issue 11 §2: failed logins throttled per account and per source address, with growing delays. */
class ThrottleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T08:00:00Z"));
    private final List<Throttle.Lockout> audited = new ArrayList<>();
    private final Throttle throttle = new Throttle(clock, Runnable::run, audited::add);

    @Test
    void anAccountGetsFiveFreeFailuresThenDelaysThatDouble() {
        for (int i = 0; i < Throttle.FREE_PER_ACCOUNT; i++) {
            throttle.failed("kari", "192.0.2.1", "rest");
            assertEquals(0, throttle.retryAfter("kari", "192.0.2.1"));
        }
        assertEquals(List.of(), audited);
        throttle.failed("kari", "192.0.2.2", "ssh");
        assertEquals(1, throttle.retryAfter("kari", "198.51.100.9"), "from any address");
        assertEquals(0, throttle.retryAfter("ola", "198.51.100.9"));
        assertEquals(List.of(new Throttle.Lockout("account", "kari", "ssh", 6, clock.instant().plusSeconds(1))), audited);

        throttle.failed("kari", "192.0.2.1", "rest");
        assertEquals(2, throttle.retryAfter("kari", null));
        throttle.failed("kari", "192.0.2.1", "rest");
        assertEquals(4, throttle.retryAfter("kari", null));
        clock.advance(Duration.ofMillis(3500));
        assertEquals(1, throttle.retryAfter("kari", null), "rounded up, never 0 while locked");
        clock.advance(Duration.ofMillis(500));
        assertEquals(0, throttle.retryAfter("kari", null));
        assertTrue(throttle.check().detail().contains("last lockout: account kari"), throttle.check().detail());
    }

    @Test
    void delaysGrowToFifteenMinutesAtMost() {
        assertEquals(Duration.ofSeconds(1), Throttle.delay(1));
        assertEquals(Duration.ofSeconds(512), Throttle.delay(10));
        assertEquals(Throttle.MAX_DELAY, Throttle.delay(11));
        assertEquals(Throttle.MAX_DELAY, Throttle.delay(1000));
    }

    @Test
    void aSuccessForgivesTheAccountButNotTheAddress() {
        for (int i = 0; i < Throttle.FREE_PER_ADDRESS + 1; i++) {
            throttle.failed("user" + i, "203.0.113.5", "broker");
        }
        assertEquals(1, throttle.retryAfter("someone", "203.0.113.5"));
        assertEquals("address", audited.get(0).kind());
        throttle.succeeded("user1");
        assertEquals(1, throttle.retryAfter("someone", "203.0.113.5"));
        assertEquals(0, throttle.retryAfter("someone", "203.0.113.6"));

        for (int i = 0; i < Throttle.FREE_PER_ACCOUNT + 1; i++) {
            throttle.failed("kari", null, "rest");
        }
        assertTrue(throttle.retryAfter("kari", null) > 0);
        throttle.succeeded("kari");
        assertEquals(0, throttle.retryAfter("kari", null));
    }

    @Test
    void theHostsOwnAddressesAreNotThrottledPerAddress() {
        for (int i = 0; i < Throttle.FREE_PER_ADDRESS * 2; i++) {
            throttle.failed("user" + i, "127.0.0.1", "rest");
            throttle.failed("user" + i, "0:0:0:0:0:0:0:1", "rest");
        }
        assertEquals(0, throttle.retryAfter("someone", "127.0.0.1"));
        assertTrue(Throttle.loopback("::1"));
        assertFalse(Throttle.loopback("192.0.2.1"));
        assertFalse(Throttle.loopback("localhost.example"), "names are never looked up");
    }

    @Test
    void failuresAreForgottenAfterAQuietSpell() {
        for (int i = 0; i < Throttle.FREE_PER_ACCOUNT + 3; i++) {
            throttle.failed("kari", null, "rest");
        }
        clock.advance(Throttle.FORGET_AFTER.plusSeconds(10));
        throttle.failed("kari", null, "rest");
        assertEquals(0, throttle.retryAfter("kari", null), "counting starts again");
        assertTrue(throttle.check().detail().startsWith("0 account(s) and 0 address(es) throttled now"));
    }
}
