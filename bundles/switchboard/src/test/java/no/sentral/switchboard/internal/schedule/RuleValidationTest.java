package no.sentral.switchboard.internal.schedule;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleValidationTest {

    private static final LocalTime T08 = LocalTime.of(8, 0);
    private static final LocalTime T16 = LocalTime.of(16, 0);

    @Test
    void weeklyRuleRefusesInvalidInput() {
        assertThrows(IllegalArgumentException.class, () -> new WeeklyRule(Set.of(), T08, T16));
        assertThrows(IllegalArgumentException.class, () -> new WeeklyRule(null, T08, T16));
        assertThrows(IllegalArgumentException.class, () -> new WeeklyRule(Set.of(MONDAY), null, T16));
        assertThrows(IllegalArgumentException.class, () -> new WeeklyRule(Set.of(MONDAY), T08, null));
        assertThrows(IllegalArgumentException.class, () -> new WeeklyRule(Set.of(MONDAY), T16, T08));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WeeklyRule(Set.of(MONDAY), T08, T08));
        assertTrue(e.getMessage().contains("must be before"), e.getMessage());
    }

    @Test
    void midnightAsEndMeansEndOfDay() {
        assertDoesNotThrow(() -> new WeeklyRule(Set.of(MONDAY), T16, LocalTime.MIDNIGHT));
        assertDoesNotThrow(() -> new WeeklyRule(Set.of(MONDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
    }

    @Test
    void weeklyRuleCopiesDaysIntoUnmodifiableSet() {
        Set<DayOfWeek> days = new HashSet<>(Set.of(MONDAY));
        WeeklyRule rule = new WeeklyRule(days, T08, T16);
        days.add(TUESDAY);
        assertEquals(EnumSet.of(MONDAY), rule.days());
        assertThrows(UnsupportedOperationException.class, () -> rule.days().add(TUESDAY));
    }

    @Test
    void datedExceptionNeedsBothTimesOrNeither() {
        LocalDate date = LocalDate.of(2026, 12, 24);
        assertDoesNotThrow(() -> new DatedException(date, null, null, "Stengt"));
        assertDoesNotThrow(() -> new DatedException(date, T08, LocalTime.NOON, "Julaften"));
        assertThrows(IllegalArgumentException.class, () -> new DatedException(date, T08, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new DatedException(date, null, T08, "x"));
        assertThrows(IllegalArgumentException.class, () -> new DatedException(date, T16, T08, "x"));
        assertThrows(IllegalArgumentException.class, () -> new DatedException(null, null, null, "x"));
    }

    @Test
    void scheduleAppliesDefaultsAndNeedsId() {
        Schedule schedule = new Schedule("s1", null, null, null, true, null, null);
        assertEquals(ZoneId.of("Europe/Oslo"), schedule.zone());
        assertEquals(Manual.NONE, schedule.override());
        assertTrue(schedule.weekly().isEmpty());
        assertTrue(schedule.exceptions().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new Schedule(" ", "x", null, null, true, null, null));
        assertThrows(IllegalArgumentException.class, () -> new Schedule(null, "x", null, null, true, null, null));
    }
}
