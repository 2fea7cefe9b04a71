package no.sentral.switchboard.internal.schedule;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * Replaces weekly rules and holidays on one date: open {@code from}–{@code to} (00:00 = end of day),
 * or closed all day when both times are null.
 */
public record DatedException(LocalDate date, LocalTime from, LocalTime to, String name) {

    public DatedException {
        if (date == null) {
            throw new IllegalArgumentException("an exception needs a date");
        }
        if (from != null || to != null) {
            new Hours(from, to); // validates the times
        }
    }

    boolean isOpenAt(LocalTime time) {
        return from != null && new Hours(from, to).contains(time);
    }

    String reason() {
        return name == null || name.isBlank() ? "exception" : name;
    }
}
