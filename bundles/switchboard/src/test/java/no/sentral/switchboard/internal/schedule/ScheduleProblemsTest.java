package no.sentral.switchboard.internal.schedule;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleProblemsTest {

    private static WeeklyRule rule(Set<DayOfWeek> days, int from, int to) {
        return new WeeklyRule(days, LocalTime.of(from, 0), LocalTime.of(to % 24, 0));
    }

    private static Schedule schedule(List<WeeklyRule> weekly, List<DatedException> exceptions) {
        return new Schedule("s", "Test", null, weekly, true, exceptions, null);
    }

    @Test
    void overlappingRulesAreReportedWithDay() {
        Schedule s = schedule(List.of(rule(EnumSet.of(MONDAY), 8, 16), rule(EnumSet.of(MONDAY, SATURDAY), 15, 18)),
                null);
        assertEquals(List.of("rules 1 and 2 overlap on MONDAY (08:00–16:00 and 15:00–18:00)"), s.problems());
    }

    @Test
    void overlapOnSeveralDaysIsOneMessage() {
        Schedule s = schedule(List.of(
                rule(EnumSet.range(MONDAY, FRIDAY), 8, 16),
                rule(EnumSet.of(SATURDAY), 8, 16),
                rule(EnumSet.of(MONDAY, TUESDAY), 12, 24)), null);
        assertEquals(List.of("rules 1 and 3 overlap on MONDAY, TUESDAY (08:00–16:00 and 12:00–00:00)"),
                s.problems());
    }

    @Test
    void touchingRulesAndDisjointDaysAreFine() {
        Schedule s = schedule(List.of(
                rule(EnumSet.of(MONDAY), 8, 12),
                rule(EnumSet.of(MONDAY), 12, 16),
                rule(EnumSet.of(TUESDAY), 0, 24),
                rule(EnumSet.of(FRIDAY), 16, 24)), null);
        assertTrue(s.problems().isEmpty(), s.problems().toString());
    }

    @Test
    void duplicateExceptionDatesAreReported() {
        LocalDate christmasEve = LocalDate.of(2026, 12, 24);
        Schedule s = schedule(List.of(), List.of(
                new DatedException(christmasEve, LocalTime.of(8, 0), LocalTime.NOON, "Julaften"),
                new DatedException(LocalDate.of(2026, 12, 31), null, null, "Nyttårsaften"),
                new DatedException(christmasEve, null, null, "Stengt")));
        assertEquals(List.of("2 exceptions on the same date 2026-12-24"), s.problems());
    }
}
