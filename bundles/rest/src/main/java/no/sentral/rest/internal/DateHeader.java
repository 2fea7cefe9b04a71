package no.sentral.rest.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.HttpHeaders;

/**
 * Every answer's {@code Date} header (RFC 9110 §6.6.1, IMF-fixdate), from a text made once a second. Without
 * it CXF formats the header itself with a new {@code SimpleDateFormat} for every response: 3 % of the server's
 * CPU for a page of the subscription list (JFR).
 */
final class DateHeader implements ContainerResponseFilter {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A second since the epoch and its header text. */
    private record Stamp(long second, String text) {
    }

    private final Clock clock;
    private volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    DateHeader(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!response.getHeaders().containsKey(HttpHeaders.DATE)) {
            response.getHeaders().putSingle(HttpHeaders.DATE, now());
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
