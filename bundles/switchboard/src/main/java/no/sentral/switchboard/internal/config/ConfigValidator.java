package no.sentral.switchboard.internal.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import no.sentral.api.failure.FieldError;

/**
 * Checks a whole switchboard set-up before it is saved: every reference resolves, numbers are well
 * formed and unique, schedules have no overlapping rules, and no routing loop exists.
 *
 * <p>A loop is a cycle of destinations a caller who does nothing would go round forever: time
 * switches, overflows, menu timeouts and forwardings. Menu keys are the caller's own choice, so
 * "press 9 for the main menu" is allowed, as in every IVR; the engine also caps the steps per call.
 */
public final class ConfigValidator {

    private static final Pattern INTERNAL = Pattern.compile("[0-9]{2,6}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern KEY = Pattern.compile("[0-9*#]");
    private static final Pattern PIN = Pattern.compile("[0-9]{4,8}");

    private final SwitchboardConfig config;
    private final List<FieldError> errors = new ArrayList<>();

    private ConfigValidator(SwitchboardConfig config) {
        this.config = config;
    }

    public static List<FieldError> problems(SwitchboardConfig config) {
        ConfigValidator v = new ConfigValidator(config);
        v.check();
        return List.copyOf(v.errors);
    }

    private void check() {
        config.users().values().forEach(u -> {
            String f = "users." + u.id();
            if (u.mobile() != null && !E164.matcher(u.mobile()).matches()) {
                error(f + ".mobile", "'" + u.mobile() + "' is not an E.164 number");
            }
            if (u.conferencePin() != null && !PIN.matcher(u.conferencePin()).matches()) {
                error(f + ".conferencePin", "a PIN is 4 to 8 digits");
            }
            u.forward().forEach((key, d) -> {
                if (!forwardKeys().contains(key)) {
                    error(f + ".forward." + key, "unknown forwarding case; cases: " + String.join(", ", forwardKeys()));
                }
                destination(f + ".forward." + key, d);
            });
            u.barredPrefixes().forEach(p -> {
                if (!p.matches("\\+[0-9]{1,14}")) {
                    error(f + ".barredPrefixes", "'" + p + "' is not a number prefix such as +4782");
                }
            });
        });
        long mains = config.numbers().values().stream().filter(NumberEntry::main).count();
        if (mains > 1) {
            error("numbers", "only one number can be the main number, " + mains + " are");
        }
        config.numbers().values().forEach(n -> {
            String f = "numbers." + n.number();
            if (!INTERNAL.matcher(n.number()).matches() && !E164.matcher(n.number()).matches()) {
                error(f, "a number is an internal short number of 2-6 digits or an E.164 number such as +4722000000");
            }
            if (n.main() && !n.external()) {
                error(f, "the main number must be an external E.164 number");
            }
            destination(f + ".destination", n.destination());
        });
        config.groups().values().forEach(g -> {
            String f = "groups." + g.id();
            if (g.members().isEmpty()) {
                error(f + ".members", "an answer group needs at least one member");
            }
            g.members().forEach(m -> reference(f + ".members", "user", m.user(), config.users()));
            if (g.members().stream().map(GroupConfig.Member::user).distinct().count() < g.members().size()) {
                error(f + ".members", "a member is listed twice");
            }
            destination(f + ".overflow", g.overflow());
        });
        config.queues().values().forEach(q -> {
            String f = "queues." + q.id();
            if (q.yellowSeconds() >= q.redSeconds()) {
                error(f + ".redSeconds", "red must come after yellow (" + q.yellowSeconds() + " s)");
            }
            if (q.callbackKey() != null && !KEY.matcher(String.valueOf(q.callbackKey())).matches()) {
                error(f + ".callbackKey", "a key is 0-9, * or #");
            }
            destination(f + ".overflow", q.overflow());
        });
        config.menus().values().forEach(m -> {
            String f = "menus." + m.id();
            if (m.prompt() == null || m.prompt().isBlank()) {
                error(f + ".prompt", "a menu needs a prompt");
            }
            m.options().forEach((key, d) -> {
                if (!KEY.matcher(key).matches()) {
                    error(f + ".options." + key, "a key is 0-9, * or #");
                }
                destination(f + ".options." + key, d);
            });
            if (m.fallback() == null) {
                error(f + ".fallback", "a menu needs a destination for callers who press nothing");
            }
            destination(f + ".fallback", m.fallback());
        });
        config.schedules().values().forEach(s ->
                s.problems().forEach(p -> error("schedules." + s.id(), p)));
        config.switches().values().forEach(s -> {
            String f = "switches." + s.id();
            reference(f + ".schedule", "schedule", s.schedule(), config.schedules());
            if (s.open() == null || s.closed() == null) {
                error(f, "a time switch needs an open and a closed destination");
            }
            destination(f + ".open", s.open());
            destination(f + ".closed", s.closed());
            destination(f + ".holiday", s.holiday());
        });
        if (config.companySwitch() != null) {
            reference("companySwitch", "time switch", config.companySwitch(), config.switches());
        }
        if (errors.isEmpty()) {
            loops();
        }
    }

    private static List<String> forwardKeys() {
        List<String> keys = new ArrayList<>();
        for (Availability a : Availability.values()) {
            if (a != Availability.AVAILABLE) {
                keys.add(UserConfig.key(a));
            }
        }
        keys.add(UserConfig.IN_CALL);
        keys.add(UserConfig.NO_ANSWER);
        return keys;
    }

    private void destination(String field, Destination d) {
        if (d == null) {
            return;
        }
        switch (d.type()) {
            case USER, VOICEMAIL -> reference(field, "user", d.target(), config.users());
            case GROUP -> reference(field, "answer group", d.target(), config.groups());
            case QUEUE -> reference(field, "queue", d.target(), config.queues());
            case MENU -> reference(field, "menu", d.target(), config.menus());
            case SWITCH -> reference(field, "time switch", d.target(), config.switches());
            case CONFERENCE -> {
                reference(field, "user", d.target(), config.users());
                UserConfig owner = config.users().get(d.target());
                if (owner != null && owner.conferencePin() == null) {
                    error(field, "user " + d.target() + " has no conference PIN");
                }
            }
            case EXTERNAL -> {
                if (!E164.matcher(d.target()).matches()) {
                    error(field, "'" + d.target() + "' is not an E.164 number");
                }
            }
            case HANGUP -> { }
        }
    }

    private void reference(String field, String what, String id, Map<String, ?> known) {
        if (id == null || !known.containsKey(id)) {
            error(field, "no " + what + " '" + id + "'");
        }
    }

    private void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }

    /** Depth-first search over the edges a silent caller follows; reports each cycle once, as a path. */
    private void loops() {
        Map<String, List<String>> edges = new HashMap<>();
        config.users().values().forEach(u -> u.forward().values().forEach(d -> edge(edges, "user:" + u.id(), d)));
        config.groups().values().forEach(g -> edge(edges, "group:" + g.id(), g.overflow()));
        config.queues().values().forEach(q -> edge(edges, "queue:" + q.id(), q.overflow()));
        config.menus().values().forEach(m -> edge(edges, "menu:" + m.id(), m.fallback()));
        config.switches().values().forEach(s -> {
            edge(edges, "switch:" + s.id(), s.open());
            edge(edges, "switch:" + s.id(), s.closed());
            edge(edges, "switch:" + s.id(), s.holiday());
        });
        Map<String, Integer> state = new HashMap<>();
        for (String node : edges.keySet()) {
            visit(node, edges, state, new ArrayList<>());
        }
    }

    private static void edge(Map<String, List<String>> edges, String from, Destination to) {
        if (to != null && Set.of(Destination.Type.USER, Destination.Type.GROUP, Destination.Type.QUEUE,
                Destination.Type.MENU, Destination.Type.SWITCH).contains(to.type())) {
            edges.computeIfAbsent(from, k -> new ArrayList<>()).add(to.toString());
        }
    }

    private void visit(String node, Map<String, List<String>> edges, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null) {
            if (s == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
                cycle.add(node);
                error("routing", "routing loop: " + String.join(" → ", cycle)
                        + "; a caller who does nothing would go round it forever");
            }
            return;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            visit(next, edges, state, path);
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
    }
}
