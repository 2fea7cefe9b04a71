package no.sentral.switchboard.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NorwegianHolidaysTest {

    @ParameterizedTest
    @CsvSource({"1961-04-02", "2000-04-23", "2008-03-23", "2011-04-24", "2019-04-21", "2024-03-31",
            "2025-04-20", "2026-04-05", "2027-03-28", "2038-04-25", "2285-03-22"})
    void easterSundayOfKnownYears(LocalDate easter) {
        assertEquals(easter, NorwegianHolidays.easterSunday(easter.getYear()));
    }

    @Test
    void easterAtRangeEdges() {
        assertEquals(LocalDate.of(1583, 4, 10), NorwegianHolidays.easterSunday(1583));
        assertEquals(LocalDate.of(9999, 3, 28), NorwegianHolidays.easterSunday(9999));
    }

    @ParameterizedTest
    @ValueSource(ints = {1582, 0, -1, 10000})
    void yearsOutsideGregorianRangeAreRefused(int year) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NorwegianHolidays.easterSunday(year));
        assertTrue(e.getMessage().contains("1583..9999"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NorwegianHolidays.of(year));
    }

    @Test
    void holidays2025() {
        Map<LocalDate, String> expected = new LinkedHashMap<>();
        expected.put(LocalDate.of(2025, 1, 1), "Første nyttårsdag");
        expected.put(LocalDate.of(2025, 4, 17), "Skjærtorsdag");
        expected.put(LocalDate.of(2025, 4, 18), "Langfredag");
        expected.put(LocalDate.of(2025, 4, 20), "Første påskedag");
        expected.put(LocalDate.of(2025, 4, 21), "Andre påskedag");
        expected.put(LocalDate.of(2025, 5, 1), "Offentlig høytidsdag");
        expected.put(LocalDate.of(2025, 5, 17), "Grunnlovsdag");
        expected.put(LocalDate.of(2025, 5, 29), "Kristi himmelfartsdag");
        expected.put(LocalDate.of(2025, 6, 8), "Første pinsedag");
        expected.put(LocalDate.of(2025, 6, 9), "Andre pinsedag");
        expected.put(LocalDate.of(2025, 12, 25), "Første juledag");
        expected.put(LocalDate.of(2025, 12, 26), "Andre juledag");
        assertSameInOrder(expected, NorwegianHolidays.of(2025));
    }

    @Test
    void holidays2026() {
        Map<LocalDate, String> expected = new LinkedHashMap<>();
        expected.put(LocalDate.of(2026, 1, 1), "Første nyttårsdag");
        expected.put(LocalDate.of(2026, 4, 2), "Skjærtorsdag");
        expected.put(LocalDate.of(2026, 4, 3), "Langfredag");
        expected.put(LocalDate.of(2026, 4, 5), "Første påskedag");
        expected.put(LocalDate.of(2026, 4, 6), "Andre påskedag");
        expected.put(LocalDate.of(2026, 5, 1), "Offentlig høytidsdag");
        expected.put(LocalDate.of(2026, 5, 14), "Kristi himmelfartsdag");
        expected.put(LocalDate.of(2026, 5, 17), "Grunnlovsdag");
        expected.put(LocalDate.of(2026, 5, 24), "Første pinsedag");
        expected.put(LocalDate.of(2026, 5, 25), "Andre pinsedag");
        expected.put(LocalDate.of(2026, 12, 25), "Første juledag");
        expected.put(LocalDate.of(2026, 12, 26), "Andre juledag");
        assertSameInOrder(expected, NorwegianHolidays.of(2026));
    }

    @Test
    void resultIsUnmodifiable() {
        Map<LocalDate, String> holidays = NorwegianHolidays.of(2026);
        assertThrows(UnsupportedOperationException.class, () -> holidays.put(LocalDate.of(2026, 7, 1), "x"));
    }

    @Test
    void knownCoincidences() {
        // 2008: Ascension on 1 May; 2027: Whit Monday on 17 May.
        assertEquals("Offentlig høytidsdag / Kristi himmelfartsdag",
                NorwegianHolidays.of(2008).get(LocalDate.of(2008, 5, 1)));
        assertEquals("Grunnlovsdag / Andre pinsedag", NorwegianHolidays.of(2027).get(LocalDate.of(2027, 5, 17)));
        assertEquals(11, NorwegianHolidays.of(2027).size());
    }

    @Test
    void everyCoincidenceIn2000To2100IsJoined() {
        List<Integer> yearsWithCoincidence = new ArrayList<>();
        for (int year = 2000; year <= 2100; year++) {
            LocalDate easter = NorwegianHolidays.easterSunday(year);
            LocalDate mayDay = LocalDate.of(year, Month.MAY, 1);
            LocalDate constitutionDay = LocalDate.of(year, Month.MAY, 17);
            Map<LocalDate, String> holidays = NorwegianHolidays.of(year);
            int expectedSize = 12;
            for (int offset : new int[] {39, 49, 50}) {
                LocalDate movable = easter.plusDays(offset);
                if (movable.equals(mayDay) || movable.equals(constitutionDay)) {
                    expectedSize--;
                    yearsWithCoincidence.add(year);
                    String fixedName = movable.equals(mayDay) ? "Offentlig høytidsdag" : "Grunnlovsdag";
                    String movableName = switch (offset) {
                        case 39 -> "Kristi himmelfartsdag";
                        case 49 -> "Første pinsedag";
                        default -> "Andre pinsedag";
                    };
                    assertEquals(fixedName + " / " + movableName, holidays.get(movable), "year " + year);
                }
            }
            assertEquals(expectedSize, holidays.size(), "year " + year);
        }
        assertTrue(yearsWithCoincidence.contains(2008), yearsWithCoincidence.toString());
        assertTrue(yearsWithCoincidence.contains(2027), yearsWithCoincidence.toString());
    }

    @Test
    void nameLooksUpSingleDates() {
        assertEquals(Optional.of("Langfredag"), NorwegianHolidays.name(LocalDate.of(2026, 4, 3)));
        assertFalse(NorwegianHolidays.name(LocalDate.of(2026, 4, 4)).isPresent());
    }

    private static void assertSameInOrder(Map<LocalDate, String> expected, Map<LocalDate, String> actual) {
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(actual.entrySet()));
    }
}
