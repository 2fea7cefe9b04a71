package no.sentral.switchboard.internal.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import no.sentral.switchboard.internal.schedule.Schedule;

/**
 * One company's switchboard set-up: people, numbering plan, answer groups, queues, menus, schedules
 * and time switches. {@code companySwitch} names a time switch that applies to every external number
 * at once (PBX-06: the whole company's night and holiday routing); while it is open, numbers route
 * to their own destinations. Immutable; the engine swaps a whole new one in when it changes.
 */
public final class SwitchboardConfig {

    private final Map<String, UserConfig> users;
    private final Map<String, NumberEntry> numbers;
    private final Map<String, GroupConfig> groups;
    private final Map<String, QueueConfig> queues;
    private final Map<String, MenuConfig> menus;
    private final Map<String, Schedule> schedules;
    private final Map<String, TimeSwitch> switches;
    private final String companySwitch;
    private final Map<String, UserConfig> usersByNumber = new java.util.HashMap<>();

    public SwitchboardConfig(List<UserConfig> users, List<NumberEntry> numbers, List<GroupConfig> groups,
                             List<QueueConfig> queues, List<MenuConfig> menus, List<Schedule> schedules,
                             List<TimeSwitch> switches, String companySwitch) {
        this.users = index(users, UserConfig::id);
        this.numbers = index(numbers, NumberEntry::number);
        this.groups = index(groups, GroupConfig::id);
        this.queues = index(queues, QueueConfig::id);
        this.menus = index(menus, MenuConfig::id);
        this.schedules = index(schedules, Schedule::id);
        this.switches = index(switches, TimeSwitch::id);
        this.companySwitch = companySwitch;
        this.users.values().forEach(u -> {
            if (u.mobile() != null) {
                usersByNumber.putIfAbsent(u.mobile(), u);
            }
        });
    }

    public static SwitchboardConfig empty() {
        return new SwitchboardConfig(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
    }

    /** Keeps the given order (it matters for in-order hunting and listings); later duplicates win. */
    private static <T> Map<String, T> index(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        if (items != null) {
            items.forEach(item -> map.put(id.apply(item), item));
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    public Map<String, UserConfig> users() {
        return users;
    }

    public Map<String, NumberEntry> numbers() {
        return numbers;
    }

    public Map<String, GroupConfig> groups() {
        return groups;
    }

    public Map<String, QueueConfig> queues() {
        return queues;
    }

    public Map<String, MenuConfig> menus() {
        return menus;
    }

    public Map<String, Schedule> schedules() {
        return schedules;
    }

    public Map<String, TimeSwitch> switches() {
        return switches;
    }

    public String companySwitch() {
        return companySwitch;
    }

    public Optional<UserConfig> user(String id) {
        return Optional.ofNullable(users.get(id));
    }

    public Optional<UserConfig> userByUsername(String username) {
        return users.values().stream().filter(u -> username.equals(u.username())).findFirst();
    }

    /** The employee whose own number (mobile) this is, for calls they make and internal caller ids. */
    public Optional<UserConfig> userByNumber(String number) {
        return Optional.ofNullable(usersByNumber.get(number));
    }

    public Optional<NumberEntry> mainNumber() {
        return numbers.values().stream().filter(NumberEntry::main).findFirst();
    }
}
