package no.sentral.switchboard.internal.config;

import java.util.Arrays;
import java.util.Optional;
import no.sentral.switchboard.internal.schedule.Schedule;

/**
 * The kinds of switchboard set-up an admin edits, by their REST path segment, with the record each
 * is read as and the field that holds its id.
 */
public enum Kind {
    NUMBER("numbers", NumberEntry.class, "number"),
    GROUP("groups", GroupConfig.class, "id"),
    QUEUE("queues", QueueConfig.class, "id"),
    MENU("menus", MenuConfig.class, "id"),
    SCHEDULE("schedules", Schedule.class, "id"),
    SWITCH("switches", TimeSwitch.class, "id"),
    USER("users", UserSettings.class, "user");

    private final String path;
    private final Class<?> type;
    private final String idField;

    Kind(String path, Class<?> type, String idField) {
        this.path = path;
        this.type = type;
        this.idField = idField;
    }

    public String path() {
        return path;
    }

    public Class<?> type() {
        return type;
    }

    public String idField() {
        return idField;
    }

    /** The name stored in the database: {@code number}, {@code group}, ... */
    public String id() {
        return name().toLowerCase();
    }

    public static Optional<Kind> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }

    public static Kind byId(String id) {
        return valueOf(id.toUpperCase());
    }
}
