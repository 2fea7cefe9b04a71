package no.sentral.switchboard.internal.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

/** Shared fixtures for schedule tests. */
final class Schedules {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private Schedules() {
    }

    /** Monday–Friday 08:00–16:00, closed on public holidays. */
    static Schedule office(List<DatedException> exceptions, Manual override) {
        WeeklyRule weekdays = new WeeklyRule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(8, 0), LocalTime.of(16, 0));
        return new Schedule("office", "Sentralbord", OSLO, List.of(weekdays), true, exceptions, override);
    }

    static Schedule office() {
        return office(List.of(), Manual.NONE);
    }

    static Schedule daily(LocalTime from, LocalTime to) {
        WeeklyRule everyDay = new WeeklyRule(EnumSet.allOf(DayOfWeek.class), from, to);
        return new Schedule("daily", "Daily", OSLO, List.of(everyDay), false, List.of(), Manual.NONE);
    }

    static Instant oslo(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(OSLO).toInstant();
    }
}
