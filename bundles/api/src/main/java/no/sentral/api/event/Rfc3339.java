package no.sentral.api.event;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A CloudEvent's {@code time}. The shape every Sentral event and most others carry, UTC with 'Z' and up to nine
 * fraction digits, is read directly: {@link Instant#parse} took 9 % of a relay route's consumer thread. Any other
 * shape (an offset, a leap second) goes to {@link Instant#parse}, so both accept exactly the same texts.
 */
final class Rfc3339 {

    private static final int SHORTEST = "2000-01-01T00:00:00Z".length();
    private static final int[] POWERS = {100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private Rfc3339() {
    }

    /** @throws IllegalArgumentException when the text is not an RFC 3339 instant */
    static Instant parse(String text) {
        Instant fast = utc(text);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time is not an RFC 3339 instant: " + text);
        }
    }

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other text. */
    private static Instant utc(String t) {
        int n = t.length();
        if (n < SHORTEST || n > SHORTEST + 10 || n == SHORTEST + 1 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-'
                || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        int nanos = 0;
        if (n > SHORTEST) {
            if (t.charAt(19) != '.') {
                return null;
            }
            int fraction = digits(t, 20, n - SHORTEST - 1);
            nanos = fraction < 0 ? -1 : fraction * POWERS[n - SHORTEST - 2];
        }
        if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(date.toEpochDay() * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
    }

    /** The value of {@code count} decimal digits from {@code from}, or -1 if one is not a digit. */
    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
