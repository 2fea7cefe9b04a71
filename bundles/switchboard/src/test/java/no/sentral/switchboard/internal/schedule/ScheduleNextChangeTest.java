package no.sentral.switchboard.internal.schedule;

import static no.sentral.switchboard.internal.schedule.Schedules.office;
import static no.sentral.switchboard.internal.schedule.Schedules.oslo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import no.sentral.switchboard.internal.schedule.Schedule.Status.State;
import org.junit.jupiter.api.Test;

class ScheduleNextChangeTest {

    @Test
    void fridayClosingThenMondayOpening() {
        Schedule s = office();
        assertEquals(Optional.of(Instant.parse("2026-03-13T15:00:00Z")), s.nextChange(oslo("2026-03-13T12:00")));
        // Strictly after: at the closing instant itself the next change is Monday 08:00 CET.
        assertEquals(Optional.of(Instant.parse("2026-03-16T07:00:00Z")),
                s.nextChange(Instant.parse("2026-03-13T15:00:00Z")));
    }

    @Test
    void easter2026NextOpeningIsTuesday() {
        Schedule s = office();
        Instant wednesdayClosing = oslo("2026-04-01T16:00");
        // CLOSED ↔ HOLIDAY are changes of state too, so walk the changes until the schedule opens.
        List<Instant> changes = new ArrayList<>();
        List<State> states = new ArrayList<>();
        Instant at = wednesdayClosing;
        do {
            at = s.nextChange(at).orElseThrow();
            changes.add(at);
            states.add(s.statusAt(at).state());
        } while (states.get(states.size() - 1) != State.OPEN);

        assertEquals(List.of(
                oslo("2026-04-02T00:00"), // Skjærtorsdag (Langfredag follows: no change)
                oslo("2026-04-04T00:00"), // Easter Saturday: ordinary closed day
                oslo("2026-04-05T00:00"), // Første påskedag, Andre påskedag
                oslo("2026-04-07T00:00"),
                Instant.parse("2026-04-07T06:00:00Z")), changes);
        assertEquals(List.of(State.HOLIDAY, State.CLOSED, State.HOLIDAY, State.CLOSED, State.OPEN), states);
    }

    @Test
    void acrossSpringForward() {
        Schedule s = Schedules.daily(LocalTime.of(8, 0), LocalTime.of(16, 0));
        // Saturday 16:00 CET closing → Sunday 08:00 CEST, only 15 hours later.
        assertEquals(Optional.of(Instant.parse("2026-03-29T06:00:00Z")), s.nextChange(oslo("2026-03-28T16:00")));
    }

    @Test
    void acrossFallBack() {
        Schedule s = Schedules.daily(LocalTime.of(8, 0), LocalTime.of(16, 0));
        // Saturday 16:00 CEST closing → Sunday 08:00 CET, 17 hours later.
        assertEquals(Optional.of(Instant.parse("2026-10-25T07:00:00Z")), s.nextChange(oslo("2026-10-24T16:00")));
        assertEquals(Optional.of(Instant.parse("2026-10-25T15:00:00Z")),
                s.nextChange(Instant.parse("2026-10-25T07:00:00Z")));
    }

    @Test
    void ruleStartingInSpringGapStartsAfterTheGap() {
        WeeklyRule rule = new WeeklyRule(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(2, 30), LocalTime.of(5, 0));
        Schedule s = new Schedule("s", "x", null, List.of(rule), false, null, null);
        // 02:30 does not exist on 2026-03-29; the rule opens at 03:00 CEST = 01:00Z.
        assertEquals(Optional.of(Instant.parse("2026-03-29T01:00:00Z")), s.nextChange(oslo("2026-03-29T00:00")));
        assertEquals(Optional.of(Instant.parse("2026-03-29T03:00:00Z")),
                s.nextChange(Instant.parse("2026-03-29T01:00:00Z")));
    }

    @Test
    void ruleEndingInSpringGapEndsWhenTheClockJumps() {
        WeeklyRule rule = new WeeklyRule(EnumSet.of(DayOfWeek.SUNDAY), LocalTime.of(1, 0), LocalTime.of(2, 30));
        Schedule s = new Schedule("s", "x", null, List.of(rule), false, null, null);
        // Open 01:00 CET until the clock jumps from 02:00 CET to 03:00 CEST at 01:00Z.
        assertEquals(Optional.of(Instant.parse("2026-03-29T01:00:00Z")), s.nextChange(oslo("2026-03-29T01:00")));
    }

    @Test
    void halfDayException() {
        Schedule s = office(List.of(new DatedException(LocalDate.of(2026, 12, 24),
                LocalTime.of(8, 0), LocalTime.NOON, "Julaften")), Manual.NONE);
        assertEquals(Optional.of(oslo("2026-12-24T12:00")), s.nextChange(oslo("2026-12-24T09:00")));
    }

    @Test
    void alwaysOpenHasNoChange() {
        Schedule s = Schedules.daily(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
        assertEquals(State.OPEN, s.statusAt(oslo("2026-03-29T02:30")).state());
        assertTrue(s.nextChange(oslo("2026-03-10T12:00")).isEmpty());
    }

    @Test
    void alwaysOpenButClosedOnHolidaysChangesAtHolidayMidnight() {
        Schedule s = new Schedule("s", "x", null, Schedules.daily(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT).weekly(),
                true, null, null);
        assertEquals(Optional.of(oslo("2026-04-02T00:00")), s.nextChange(oslo("2026-03-10T12:00")));
    }

    @Test
    void overrideMeansNoScheduledChange() {
        assertTrue(office(List.of(), Manual.OPEN).nextChange(oslo("2026-03-13T12:00")).isEmpty());
        assertTrue(office(List.of(), Manual.CLOSED).nextChange(oslo("2026-03-13T12:00")).isEmpty());
    }

    @Test
    void neverOpenScheduleHasNoChange() {
        Schedule s = new Schedule("s", "x", null, List.of(), false, null, null);
        assertTrue(s.nextChange(oslo("2026-03-13T12:00")).isEmpty());
    }
}
