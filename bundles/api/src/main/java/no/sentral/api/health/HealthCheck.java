package no.sentral.api.health;

/**
 * A part of Sentral that can tell whether it works. Register as an OSGi service; {@code /api/v1/health}
 * and {@code sentral:status} report every registered check.
 */
public interface HealthCheck {

    /** Short stable name, e.g. {@code broker}, {@code database}. */
    String name();

    HealthStatus check();
}
