package no.sentral.api.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An Artemis address of the event backbone: {@code sentral.<domain>.<event>} for events (multicast)
 * or {@code sentral.cmd.<domain>} for commands (anycast). Validated so that a typo fails at the
 * call site instead of silently creating a new address on the broker.
 */
public record EventAddress(String domain, String event) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final String PREFIX = "sentral.";

    public EventAddress {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(event, "event");
        if (!NAME.matcher(domain).matches() || !NAME.matcher(event).matches()) {
            throw new IllegalArgumentException(
                    "event address parts must match " + NAME + ": '" + domain + "." + event + "'");
        }
    }

    /** Parses {@code sentral.call.ended} or the short form {@code call.ended}. */
    public static EventAddress parse(String address) {
        Objects.requireNonNull(address, "address");
        String rest = address.startsWith(PREFIX) ? address.substring(PREFIX.length()) : address;
        int dot = rest.indexOf('.');
        if (dot <= 0 || dot == rest.length() - 1 || rest.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException(
                    "not an event address (expected sentral.<domain>.<event>): '" + address + "'");
        }
        return new EventAddress(rest.substring(0, dot), rest.substring(dot + 1));
    }

    public boolean isCommand() {
        return "cmd".equals(domain);
    }

    /** The broker address name, e.g. {@code sentral.call.ended}. */
    @Override
    public String toString() {
        return PREFIX + domain + "." + event;
    }
}
