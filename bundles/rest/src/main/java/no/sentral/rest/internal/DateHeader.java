package no.sentral.rest.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.ws.rs.core.HttpHeaders;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Every answer's {@code Date} header (RFC 9110 §6.6.1, IMF-fixdate), from a text made once a second. Without
 * it CXF formats the header itself with a new {@code SimpleDateFormat} for every response: 3 % of the server's
 * CPU for a page of the subscription list (JFR). CXF does so before any response filter runs, so this is an
 * interceptor ahead of the answer's marshalling: the answer's protocol headers are what CXF starts from.
 */
final class DateHeader extends AbstractPhaseInterceptor<Message> {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A second since the epoch and its header text. */
    private record Stamp(long second, String text) {
    }

    private final Clock clock;
    private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    DateHeader(Clock clock) {
        super(Phase.PRE_STREAM);
        this.clock = clock;
    }

    @Override
    public void handleMessage(Message answer) {
        @SuppressWarnings("unchecked")
        Map<String, List<Object>> headers = (Map<String, List<Object>>) answer.get(Message.PROTOCOL_HEADERS);
        if (headers == null) {
            headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            answer.put(Message.PROTOCOL_HEADERS, headers);
        }
        if (!headers.containsKey(HttpHeaders.DATE)) {
            List<Object> date = new ArrayList<>(1);
            date.add(now());
            headers.put(HttpHeaders.DATE, date);
        }
    }

    String now() {
        long second = Math.floorDiv(clock.millis(), 1000);
        Stamp stamp = last;
        if (stamp.second() != second) {
            stamp = new Stamp(second, IMF_FIXDATE.format(Instant.ofEpochSecond(second)));
            last = stamp;
        }
        return stamp.text();
    }
}
