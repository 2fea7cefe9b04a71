package no.sentral.api.health;

import java.time.Instant;
import java.util.List;

/**
 * The state of the whole installation: every {@link HealthCheck} (broker, database, ...) and every
 * Sentral bundle. {@code up} only when all of them are.
 */
public record HealthReport(boolean up, Instant at, List<Item> items) {

    /** @param kind {@code check} or {@code bundle} */
    public record Item(String kind, String name, boolean up, String detail) {
    }

    public HealthReport {
        items = List.copyOf(items);
    }
}
