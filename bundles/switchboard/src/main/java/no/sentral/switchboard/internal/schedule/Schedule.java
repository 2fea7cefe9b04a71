package no.sentral.switchboard.internal.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Opening hours of a PBX destination. Precedence: override, dated exception, public holiday, weekly rules.
 * Everything is evaluated on the wall clock of {@code zone}.
 */
public record Schedule(String id, String name, ZoneId zone, List<WeeklyRule> weekly,
                       boolean closedOnPublicHolidays, List<DatedException> exceptions, Manual override) {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Oslo");

    // A year plus margin, so yearly rules such as holidays are always seen.
    private static final int MAX_SCAN_DAYS = 400;

    public record Status(State state, String reason) {
        public enum State { OPEN, CLOSED, HOLIDAY }
    }

    public Schedule {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("schedule id must not be blank");
        }
        zone = zone == null ? DEFAULT_ZONE : zone;
        weekly = weekly == null ? List.of() : List.copyOf(weekly);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
        override = override == null ? Manual.NONE : override;
    }

    /** Validation messages for an admin saving this schedule; empty when valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < weekly.size(); i++) {
            for (int j = i + 1; j < weekly.size(); j++) {
                overlap(i, j).ifPresent(problems::add);
            }
        }
        Map<LocalDate, Long> perDate = exceptions.stream()
                .collect(Collectors.groupingBy(DatedException::date, TreeMap::new, Collectors.counting()));
        perDate.forEach((date, count) -> {
            if (count > 1) {
                problems.add(count + " exceptions on the same date " + date);
            }
        });
        return List.copyOf(problems);
    }

    private Optional<String> overlap(int i, int j) {
        WeeklyRule a = weekly.get(i);
        WeeklyRule b = weekly.get(j);
        if (!a.hours().overlaps(b.hours())) {
            return Optional.empty();
        }
        Set<DayOfWeek> shared = EnumSet.copyOf(a.days());
        shared.retainAll(b.days());
        if (shared.isEmpty()) {
            return Optional.empty();
        }
        String days = shared.stream().map(DayOfWeek::name).collect(Collectors.joining(", "));
        return Optional.of("rules " + (i + 1) + " and " + (j + 1) + " overlap on " + days
                + " (" + a.hours().label() + " and " + b.hours().label() + ")");
    }

    public Status statusAt(Instant instant) {
        if (override == Manual.OPEN) {
            return new Status(Status.State.OPEN, "override");
        }
        if (override == Manual.CLOSED) {
            return new Status(Status.State.CLOSED, "override");
        }
        ZonedDateTime local = instant.atZone(zone);
        LocalDate date = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        Optional<DatedException> exception = exceptionOn(date);
        if (exception.isPresent()) {
            boolean open = exception.get().isOpenAt(time);
            return new Status(open ? Status.State.OPEN : Status.State.CLOSED, exception.get().reason());
        }
        if (closedOnPublicHolidays) {
            Optional<String> holiday = NorwegianHolidays.name(date);
            if (holiday.isPresent()) {
                return new Status(Status.State.HOLIDAY, holiday.get());
            }
        }
        boolean open = weekly.stream().anyMatch(rule -> rule.isOpenAt(date.getDayOfWeek(), time));
        return open
                ? new Status(Status.State.OPEN, "opening hours")
                : new Status(Status.State.CLOSED, "outside opening hours");
    }

    /**
     * First instant after {@code after} whose state differs from the state at {@code after}
     * (CLOSED → HOLIDAY counts as a change); empty if none within about 400 days or while overridden.
     */
    public Optional<Instant> nextChange(Instant after) {
        if (override != Manual.NONE) {
            return Optional.empty();
        }
        Status.State current = statusAt(after).state();
        LocalDate first = after.atZone(zone).toLocalDate();
        for (int day = 0; day <= MAX_SCAN_DAYS; day++) {
            for (Instant candidate : candidatesOn(first.plusDays(day))) {
                if (candidate.isAfter(after) && statusAt(candidate).state() != current) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private Optional<DatedException> exceptionOn(LocalDate date) {
        return exceptions.stream().filter(e -> e.date().equals(date)).findFirst();
    }

    /**
     * All instants of one local date at which the status can change; it is constant in between.
     * All candidates lie within the date, so scanning dates in order yields them in order.
     */
    private SortedSet<Instant> candidatesOn(LocalDate date) {
        Set<LocalTime> times = new TreeSet<>();
        times.add(LocalTime.MIDNIGHT); // holidays and exceptions switch at midnight
        for (WeeklyRule rule : weekly) {
            times.add(rule.from());
            times.add(rule.to());
        }
        exceptionOn(date).filter(e -> e.from() != null).ifPresent(e -> {
            times.add(e.from());
            times.add(e.to());
        });
        SortedSet<Instant> candidates = new TreeSet<>();
        for (LocalTime time : times) {
            // A time in the spring gap maps to just after the gap; in the autumn overlap it occurs twice.
            ZonedDateTime at = ZonedDateTime.of(date, time, zone);
            candidates.add(at.toInstant());
            candidates.add(at.withLaterOffsetAtOverlap().toInstant());
        }
        // The wall clock jumps at offset transitions, which can start or end an interval by itself.
        ZoneRules rules = zone.getRules();
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        for (ZoneOffsetTransition t = rules.nextTransition(dayStart);
             t != null && t.getInstant().isBefore(dayEnd);
             t = rules.nextTransition(t.getInstant())) {
            candidates.add(t.getInstant());
        }
        return candidates;
    }
}
