package no.sentral.api.health;

/** Computes the {@link HealthReport}; served by {@code /api/v1/health} and shown by {@code sentral:status}. */
public interface SystemHealth {

    HealthReport report();
}
