package no.sentral.switchboard.internal.schedule;

import static no.sentral.switchboard.internal.schedule.Schedules.office;
import static no.sentral.switchboard.internal.schedule.Schedules.oslo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import no.sentral.switchboard.internal.schedule.Schedule.Status;
import no.sentral.switchboard.internal.schedule.Schedule.Status.State;
import org.junit.jupiter.api.Test;

class ScheduleStatusTest {

    private static final DatedException CHRISTMAS_EVE =
            new DatedException(LocalDate.of(2026, 12, 24), LocalTime.of(8, 0), LocalTime.NOON, "Julaften");

    @Test
    void weekdayInsideAndOutsideHours() {
        Schedule s = office();
        assertEquals(new Status(State.OPEN, "opening hours"), s.statusAt(oslo("2026-03-10T08:00")));
        assertEquals(new Status(State.OPEN, "opening hours"), s.statusAt(oslo("2026-03-10T15:59:59")));
        assertEquals(new Status(State.CLOSED, "outside opening hours"), s.statusAt(oslo("2026-03-10T16:00")));
        assertEquals(new Status(State.CLOSED, "outside opening hours"), s.statusAt(oslo("2026-03-10T07:59")));
        assertEquals(State.CLOSED, s.statusAt(oslo("2026-03-14T10:00")).state()); // Saturday
    }

    @Test
    void evaluatesInScheduleZoneNotUtc() {
        // 07:30Z on a winter Tuesday is 08:30 in Oslo.
        assertEquals(State.OPEN, office().statusAt(Instant.parse("2026-03-10T07:30:00Z")).state());
    }

    @Test
    void publicHolidayIsReportedByName() {
        assertEquals(new Status(State.HOLIDAY, "Langfredag"), office().statusAt(oslo("2026-04-03T10:00")));
    }

    @Test
    void holidaysIgnoredWhenNotConfigured() {
        Schedule s = new Schedule("s", "x", null, office().weekly(), false, null, null);
        assertEquals(State.OPEN, s.statusAt(oslo("2026-04-03T10:00")).state());
    }

    @Test
    void christmasEveHalfDay() {
        Schedule s = office(List.of(CHRISTMAS_EVE), Manual.NONE);
        assertEquals(new Status(State.OPEN, "Julaften"), s.statusAt(oslo("2026-12-24T11:59")));
        assertEquals(new Status(State.CLOSED, "Julaften"), s.statusAt(oslo("2026-12-24T12:00")));
        assertEquals(State.OPEN, s.statusAt(oslo("2026-12-23T12:00")).state());
    }

    @Test
    void exceptionBeatsHolidayAndClosedAllDayExceptionBeatsWeekly() {
        Schedule s = office(List.of(
                new DatedException(LocalDate.of(2026, 4, 3), LocalTime.of(10, 0), LocalTime.of(14, 0), "Vakt"),
                new DatedException(LocalDate.of(2026, 3, 10), null, null, null)), Manual.NONE);
        assertEquals(new Status(State.OPEN, "Vakt"), s.statusAt(oslo("2026-04-03T10:00")));
        assertEquals(new Status(State.CLOSED, "exception"), s.statusAt(oslo("2026-03-10T10:00")));
    }

    @Test
    void overrideWinsBothWays() {
        Schedule forcedOpen = office(List.of(CHRISTMAS_EVE), Manual.OPEN);
        assertEquals(new Status(State.OPEN, "override"), forcedOpen.statusAt(oslo("2026-03-14T03:00")));
        assertEquals(new Status(State.OPEN, "override"), forcedOpen.statusAt(oslo("2026-04-03T10:00")));
        assertEquals(new Status(State.OPEN, "override"), forcedOpen.statusAt(oslo("2026-12-24T18:00")));

        Schedule nightMode = office(List.of(), Manual.CLOSED);
        assertEquals(new Status(State.CLOSED, "override"), nightMode.statusAt(oslo("2026-03-10T10:00")));
    }

    @Test
    void springForwardDay() {
        // 2026-03-29: 02:00 CET jumps to 03:00 CEST.
        WeeklyRule night = new WeeklyRule(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(1, 0), LocalTime.of(4, 0));
        Schedule s = new Schedule("s", "x", null, List.of(night), true, null, null);
        assertEquals(State.OPEN, s.statusAt(Instant.parse("2026-03-29T00:30:00Z")).state()); // 01:30 CET
        assertEquals(State.OPEN, s.statusAt(Instant.parse("2026-03-29T01:30:00Z")).state()); // 03:30 CEST
        assertEquals(State.CLOSED, s.statusAt(Instant.parse("2026-03-29T02:00:00Z")).state()); // 04:00 CEST
        assertEquals(State.CLOSED, s.statusAt(Instant.parse("2026-03-28T23:59:00Z")).state()); // 00:59 CET
    }

    @Test
    void autumnBackDay() {
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET, so 08:00 is 07:00Z instead of 06:00Z.
        Schedule s = Schedules.daily(LocalTime.of(8, 0), LocalTime.of(16, 0));
        assertEquals(State.CLOSED, s.statusAt(Instant.parse("2026-10-24T05:59:00Z")).state());
        assertEquals(State.OPEN, s.statusAt(Instant.parse("2026-10-24T06:00:00Z")).state());
        assertEquals(State.CLOSED, s.statusAt(Instant.parse("2026-10-25T06:59:00Z")).state());
        assertEquals(State.OPEN, s.statusAt(Instant.parse("2026-10-25T07:00:00Z")).state());
    }
}
