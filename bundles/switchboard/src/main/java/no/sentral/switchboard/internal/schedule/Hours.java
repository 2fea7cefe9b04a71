package no.sentral.switchboard.internal.schedule;

import java.time.LocalTime;

/**
 * A local-time interval within one day, from inclusive to exclusive; a {@code to} of 00:00 means
 * the end of the day, since intervals never cross midnight.
 */
record Hours(LocalTime from, LocalTime to) {

    private static final long NANOS_PER_DAY = 24L * 60 * 60 * 1_000_000_000;

    Hours {
        if (from == null || to == null) {
            throw new IllegalArgumentException("both 'from' and 'to' are required");
        }
        if (from.toNanoOfDay() >= endNanos(to)) {
            throw new IllegalArgumentException(
                    "'from' (" + from + ") must be before 'to' (" + to + "); use 00:00 as 'to' for end of day");
        }
    }

    boolean contains(LocalTime time) {
        long nanos = time.toNanoOfDay();
        return nanos >= from.toNanoOfDay() && nanos < endNanos(to);
    }

    /** Touching intervals (08–12 and 12–16) do not overlap. */
    boolean overlaps(Hours other) {
        return from.toNanoOfDay() < endNanos(other.to) && other.from.toNanoOfDay() < endNanos(to);
    }

    String label() {
        return from + "–" + to;
    }

    private static long endNanos(LocalTime to) {
        return to.equals(LocalTime.MIDNIGHT) ? NANOS_PER_DAY : to.toNanoOfDay();
    }
}
