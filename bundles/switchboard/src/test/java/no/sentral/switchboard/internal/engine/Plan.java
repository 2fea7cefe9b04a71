package no.sentral.switchboard.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.sentral.switchboard.internal.config.Destination;
import no.sentral.switchboard.internal.config.GroupConfig;
import no.sentral.switchboard.internal.config.MenuConfig;
import no.sentral.switchboard.internal.config.NumberEntry;
import no.sentral.switchboard.internal.config.QueueConfig;
import no.sentral.switchboard.internal.config.Strategy;
import no.sentral.switchboard.internal.config.SwitchboardConfig;
import no.sentral.switchboard.internal.config.TimeSwitch;
import no.sentral.switchboard.internal.config.UserConfig;
import no.sentral.switchboard.internal.schedule.Schedule;

/** Builds a company's switchboard set-up for a test in a few lines (the host's tests use it too). */
public final class Plan {

    public static final String MAIN = "+4722000000";

    final List<UserConfig> users = new ArrayList<>();
    final List<NumberEntry> numbers = new ArrayList<>();
    final List<GroupConfig> groups = new ArrayList<>();
    final List<QueueConfig> queues = new ArrayList<>();
    final List<MenuConfig> menus = new ArrayList<>();
    final List<Schedule> schedules = new ArrayList<>();
    final List<TimeSwitch> switches = new ArrayList<>();
    String companySwitch;

    /** Users u1..uN with mobiles +4790000001.. */
    public static Plan withUsers(int n) {
        Plan p = new Plan();
        for (int i = 1; i <= n; i++) {
            p.users.add(TestBoard.user("u" + i, mobile(i)));
        }
        return p;
    }

    static String mobile(int i) {
        return String.format("+479%07d", i);
    }

    public static Destination to(Destination.Type type, String target) {
        return Destination.of(type, target);
    }

    public Plan main(Destination d) {
        numbers.add(new NumberEntry(MAIN, d, true));
        return this;
    }

    Plan number(String number, Destination d) {
        numbers.add(new NumberEntry(number, d, false));
        return this;
    }

    Plan group(String id, Strategy strategy, int ringSeconds, int totalSeconds, Destination overflow, String... members) {
        List<GroupConfig.Member> list = new ArrayList<>();
        for (String m : members) {
            list.add(new GroupConfig.Member(m, 0, 0));
        }
        groups.add(new GroupConfig(id, id, strategy, list, ringSeconds, totalSeconds, overflow));
        return this;
    }

    Plan group(GroupConfig g) {
        groups.add(g);
        return this;
    }

    public Plan queue(QueueConfig q) {
        queues.add(q);
        return this;
    }

    public static QueueConfig queue(String id, Strategy strategy) {
        return new QueueConfig(id, id, strategy, 15, 0, 0, 0, null, 20, 30, 90, 0, 0, '1');
    }

    Plan menu(String id, Map<String, Destination> options, Destination fallback) {
        menus.add(new MenuConfig(id, id, "prompt-" + id, options, 5, null, 3, fallback));
        return this;
    }

    Plan replaceUser(UserConfig u) {
        users.replaceAll(x -> x.id().equals(u.id()) ? u : x);
        return this;
    }

    public SwitchboardConfig build() {
        return new SwitchboardConfig(users, numbers, groups, queues, menus, schedules, switches, companySwitch);
    }

    TestBoard board() {
        return new TestBoard(build());
    }
}
