package no.sentral.switchboard.internal.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreOfTheLastSamplesKept() {
        Latencies l = new Latencies(100);
        assertNull(l.percentileMillis(99));
        for (int i = 1; i <= 100; i++) {
            l.record(i * 1_000_000L);
        }
        assertEquals(50.0, l.percentileMillis(50));
        assertEquals(99.0, l.percentileMillis(99));
        assertEquals(100.0, l.percentileMillis(100));
        for (int i = 0; i < 100; i++) {
            l.record(2_000_000L);
        }
        assertEquals(2.0, l.percentileMillis(99), "the old samples have fallen out");
        assertEquals(200, l.count());
    }
}
