package no.sentral.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Rfc3339Test {

    @Test
    void readsWhatInstantParseReadsForRandomInstantsAtEveryPrecision() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = instant.toString();
            assertEquals(Instant.parse(text), Rfc3339.parse(text), text);
            String truncated = text.substring(0, text.length() - 1 - random.nextInt(4)) + "Z";
            assertSameAsInstantParse(truncated);
        }
    }

    @Test
    void acceptsAndRefusesWhatInstantParseAcceptsAndRefuses() {
        for (String text : List.of("2025-03-01T12:34:56Z", "2025-03-01T12:34:56.1Z", "2025-03-01T12:34:56.123456789Z",
                "2024-02-29T00:00:00Z", "2025-03-01T13:34:56+01:00", "2016-12-31T23:59:60Z", "0000-01-01T00:00:00Z",
                "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z", "2025-03-32T00:00:00Z",
                "2025-03-01T24:00:00Z", "2025-03-01T12:60:00Z", "2025-03-01T12:34:61Z", "2025-03-01T12:34:56.Z",
                "2025-03-01T12:34:56.1234567890Z", "2025-03-01T12:34:56", "2025-03-01 12:34:56Z", "2025-3-01T12:34:56Z",
                "2025-03-01T12:34:5xZ", "2025-03-01T12:34:56.12a4Z", "+2025-03-01T12:34:56Z", "")) {
            assertSameAsInstantParse(text);
        }
    }

    private static void assertSameAsInstantParse(String text) {
        Instant expected;
        try {
            expected = Instant.parse(text);
        } catch (DateTimeException e) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Rfc3339.parse(text), text);
            assertEquals("time is not an RFC 3339 instant: " + text, refused.getMessage());
            return;
        }
        assertEquals(expected, Rfc3339.parse(text), text);
    }
}
