package no.sentral.switchboard.internal.schedule;

import java.time.LocalDate;
import java.time.Month;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Norwegian statutory public holidays (helligdager plus 1 and 17 May), computed for any Gregorian year. */
public final class NorwegianHolidays {

    static final int FIRST_YEAR = 1583; // first full year of the Gregorian calendar
    static final int LAST_YEAR = 9999;

    // Holidays are asked for on every status check, so each year is computed once.
    private static final Map<Integer, Map<LocalDate, String>> CACHE = new ConcurrentHashMap<>();

    private NorwegianHolidays() {
    }

    /** Date → Norwegian name, sorted by date; names of holidays sharing a date are joined with " / ". */
    public static Map<LocalDate, String> of(int year) {
        return CACHE.computeIfAbsent(year, NorwegianHolidays::compute);
    }

    public static Optional<String> name(LocalDate date) {
        return Optional.ofNullable(of(date.getYear()).get(date));
    }

    /** Anonymous Gregorian computus (Meeus–Jones–Butcher). */
    public static LocalDate easterSunday(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException(
                    "Easter can only be computed for years " + FIRST_YEAR + ".." + LAST_YEAR + ", got " + year);
        }
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    private static Map<LocalDate, String> compute(int year) {
        LocalDate easter = easterSunday(year);
        Map<LocalDate, String> holidays = new TreeMap<>();
        add(holidays, LocalDate.of(year, Month.JANUARY, 1), "Første nyttårsdag");
        add(holidays, easter.minusDays(3), "Skjærtorsdag");
        add(holidays, easter.minusDays(2), "Langfredag");
        add(holidays, easter, "Første påskedag");
        add(holidays, easter.plusDays(1), "Andre påskedag");
        add(holidays, LocalDate.of(year, Month.MAY, 1), "Offentlig høytidsdag");
        add(holidays, LocalDate.of(year, Month.MAY, 17), "Grunnlovsdag");
        add(holidays, easter.plusDays(39), "Kristi himmelfartsdag");
        add(holidays, easter.plusDays(49), "Første pinsedag");
        add(holidays, easter.plusDays(50), "Andre pinsedag");
        add(holidays, LocalDate.of(year, Month.DECEMBER, 25), "Første juledag");
        add(holidays, LocalDate.of(year, Month.DECEMBER, 26), "Andre juledag");
        return Collections.unmodifiableMap(holidays);
    }

    // Easter-based holidays can land on 1 or 17 May; keep both names rather than losing one.
    private static void add(Map<LocalDate, String> holidays, LocalDate date, String name) {
        holidays.merge(date, name, (first, second) -> first + " / " + second);
    }
}
