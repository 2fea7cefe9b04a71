package no.sentral.switchboard.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.sentral.api.failure.FieldError;
import no.sentral.switchboard.internal.config.Destination.Type;
import no.sentral.switchboard.internal.schedule.Schedule;
import no.sentral.switchboard.internal.schedule.WeeklyRule;
import org.junit.jupiter.api.Test;

/** Bad set-ups are refused when saved: loops, dangling references, malformed numbers, overlapping rules. */
class ConfigValidatorTest {

    private static final UserConfig U1 = new UserConfig("u1", "U1", "u1", "+4790000001", 20, Map.of(), null,
            List.of(), List.of());

    private static List<String> problems(List<NumberEntry> numbers, List<GroupConfig> groups, List<MenuConfig> menus,
                                         List<QueueConfig> queues) {
        return ConfigValidator.problems(new SwitchboardConfig(List.of(U1), numbers, groups, queues, menus, List.of(),
                List.of(), null)).stream().map(e -> e.field() + ": " + e.message()).toList();
    }

    private static MenuConfig menu(String id, Map<String, Destination> options, Destination fallback) {
        return new MenuConfig(id, id, "p", options, 5, null, 3, fallback);
    }

    private static GroupConfig group(String id, Destination overflow) {
        return new GroupConfig(id, id, Strategy.LINEAR, List.of(new GroupConfig.Member("u1", 0, 0)), 10, 30, overflow);
    }

    @Test
    void aLoopACallerWhoDoesNothingWouldGoRoundIsRefused() {
        List<String> p = problems(List.of(), List.of(group("g", Destination.of(Type.MENU, "main"))),
                List.of(menu("main", Map.of(), Destination.of(Type.GROUP, "g"))), List.of());
        assertThat(p).singleElement().asString().startsWith("routing: routing loop: ")
                .contains("menu:main", "group:g");
    }

    @Test
    void pressingAKeyToGoBackToTheMainMenuIsNoLoop() {
        assertThat(problems(List.of(), List.of(group("g", null)),
                List.of(menu("main", Map.of("1", Destination.of(Type.MENU, "sub")), Destination.of(Type.USER, "u1")),
                        menu("sub", Map.of("9", Destination.of(Type.MENU, "main")), Destination.of(Type.GROUP, "g"))),
                List.of())).isEmpty();
    }

    @Test
    void queueOverflowIntoItselfIsALoop() {
        QueueConfig q = new QueueConfig("q", "q", Strategy.LINEAR, 0, 0, 60, 0, Destination.of(Type.QUEUE, "q"), 0, 0,
                0, 0, 0, null);
        assertThat(problems(List.of(), List.of(), List.of(), List.of(q))).singleElement().asString()
                .contains("queue:q → queue:q");
    }

    @Test
    void referencesNumbersAndKeysAreChecked() {
        List<String> p = problems(List.of(new NumberEntry("1", Destination.of(Type.QUEUE, "nope"), false),
                        new NumberEntry("200", Destination.of(Type.EXTERNAL, "12345"), true),
                        new NumberEntry("+4722000000", Destination.of(Type.CONFERENCE, "u1"), true)),
                List.of(new GroupConfig("empty", "e", null, List.of(), 0, 0, null)),
                List.of(menu("m", Map.of("x", Destination.of(Type.USER, "ghost")), null)), List.of());
        assertThat(p).contains(
                "numbers: only one number can be the main number, 2 are",
                "numbers.1: a number is an internal short number of 2-6 digits or an E.164 number such as +4722000000",
                "numbers.1.destination: no queue 'nope'",
                "numbers.200: the main number must be an external E.164 number",
                "numbers.200.destination: '12345' is not an E.164 number",
                "numbers.+4722000000.destination: user u1 has no conference PIN",
                "groups.empty.members: an answer group needs at least one member",
                "menus.m.options.x: a key is 0-9, * or #",
                "menus.m.options.x: no user 'ghost'",
                "menus.m.fallback: a menu needs a destination for callers who press nothing");
    }

    @Test
    void overlappingOpeningHoursAreRefused() {
        Schedule s = new Schedule("s", "s", null, List.of(
                new WeeklyRule(Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(16, 0)),
                new WeeklyRule(Set.of(DayOfWeek.MONDAY), LocalTime.of(15, 0), LocalTime.of(18, 0))), true, List.of(), null);
        List<FieldError> errors = ConfigValidator.problems(new SwitchboardConfig(List.of(U1), List.of(), List.of(),
                List.of(), List.of(), List.of(s), List.of(), null));
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("schedules.s");
            assertThat(e.message()).contains("overlap", "MONDAY");
        });
    }
}
