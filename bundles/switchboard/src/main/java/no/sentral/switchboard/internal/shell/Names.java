package no.sentral.switchboard.internal.shell;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.sentral.switchboard.internal.engine.Engine;
import no.sentral.switchboard.internal.engine.Views;

/**
 * What the shell shows instead of ids: the names of a company's queues, answer groups and people,
 * read from the engine in one question. Ids the switchboard does not know are shown as they are.
 */
record Names(Map<String, String> byId) {

    static Names of(Engine engine, String tenant) {
        Map<String, String> names = new HashMap<>();
        Stream.concat(engine.queues(tenant).stream(), engine.groups(tenant).stream())
                .forEach(f -> names.put(f.id(), f.name()));
        for (Views.Agent a : engine.agents(tenant)) {
            names.put(a.user(), a.name());
        }
        return new Names(Map.copyOf(names));
    }

    String of(String id) {
        return id == null ? "" : byId.getOrDefault(id, id);
    }

    String of(List<String> ids) {
        return String.join(", ", ids.stream().map(this::of).toList());
    }

    /** The first eight characters of an id: enough to tell the calls on one screen apart. */
    static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }
}
