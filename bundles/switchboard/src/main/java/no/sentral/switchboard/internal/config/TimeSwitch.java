package no.sentral.switchboard.internal.config;

/**
 * Routes by a schedule (PBX-06): {@code open} while it is open, {@code holiday} on public holidays
 * (falls back to {@code closed} when not set), {@code closed} otherwise.
 */
public record TimeSwitch(String id, String name, String schedule, Destination open, Destination closed,
                         Destination holiday) {
}
