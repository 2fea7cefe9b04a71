package no.sentral.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.text.SimpleDateFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import no.sentral.api.testing.ManualClock;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
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
    void isAmongTheAnswersHeadersBeforeCxfMakesItsOwn() {
        Message answer = new MessageImpl();
        header.handleMessage(answer);
        assertEquals(List.of("Mon, 07 Dec 2026 09:05:03 GMT"), headers(answer).get("date"), "case-insensitive, as CXF's");

        Message withDate = new MessageImpl();
        Map<String, List<Object>> own = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        own.put("Date", new ArrayList<>(List.of("Sun, 06 Dec 2026 00:00:00 GMT")));
        withDate.put(Message.PROTOCOL_HEADERS, own);
        header.handleMessage(withDate);
        assertEquals(List.of("Sun, 06 Dec 2026 00:00:00 GMT"), headers(withDate).get("Date"), "a resource's own is kept");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Object>> headers(Message m) {
        return (Map<String, List<Object>>) m.get(Message.PROTOCOL_HEADERS);
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
