package no.sentral.switchboard.internal.config;

import java.util.Objects;

/**
 * Where a call goes next. {@code target} names the user, group, queue, menu, time switch or
 * conference owner by id, the mailbox owner for voicemail, or the E.164 number for an external
 * destination; {@code priority} only matters for queues (higher is served first).
 */
public record Destination(Type type, String target, int priority) {

    public enum Type { USER, GROUP, QUEUE, MENU, SWITCH, VOICEMAIL, EXTERNAL, CONFERENCE, HANGUP }

    public Destination {
        Objects.requireNonNull(type, "type");
        if (type != Type.HANGUP && (target == null || target.isBlank())) {
            throw new IllegalArgumentException(type.name().toLowerCase() + " needs a target");
        }
    }

    public static Destination of(Type type, String target) {
        return new Destination(type, target, 0);
    }

    public static Destination hangup() {
        return new Destination(Type.HANGUP, null, 0);
    }

    /** {@code queue:sales}, {@code external:+4722000000}, {@code hangup}: for paths and messages. */
    @Override
    public String toString() {
        return type.name().toLowerCase() + (target == null ? "" : ":" + target);
    }
}
