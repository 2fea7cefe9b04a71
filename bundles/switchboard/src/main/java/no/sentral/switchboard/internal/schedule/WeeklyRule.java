package no.sentral.switchboard.internal.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Open on {@code days} from {@code from} (inclusive) to {@code to} (exclusive, 00:00 = end of day), local time. */
public record WeeklyRule(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public WeeklyRule {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("a weekly rule needs at least one day");
        }
        if (days.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("a weekly rule cannot contain a null day");
        }
        new Hours(from, to); // validates the times
        days = Collections.unmodifiableSet(EnumSet.copyOf(days));
    }

    boolean isOpenAt(DayOfWeek day, LocalTime time) {
        return days.contains(day) && hours().contains(time);
    }

    Hours hours() {
        return new Hours(from, to);
    }
}
