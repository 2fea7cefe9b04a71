package no.sentral.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.text.SimpleDateFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import no.sentral.api.testing.ManualClock;
import org.junit.jupiter.api.Test;

class DateHeaderTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T09:05:03.250Z"));
    private final DateHeader header = new DateHeader(clock);

    @Test
    void isAnImfFixdateInGmtAsCxfWroteIt() {
        assertEquals("Mon, 07 Dec 2026 09:05:03 GMT", header.now());
        SimpleDateFormat cxf = new SimpleDateFormat("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US);
        cxf.setTimeZone(TimeZone.getTimeZone("GMT"));
        assertEquals(cxf.format(Date.from(clock.instant())), header.now());
    }

    @Test
    void isMadeOnceASecond() {
        String first = header.now();
        clock.advance(Duration.ofMillis(700));
        assertSame(first, header.now(), "still 09:05:03");
        clock.advance(Duration.ofMillis(50));
        assertEquals("Mon, 07 Dec 2026 09:05:04 GMT", header.now());
    }
}
