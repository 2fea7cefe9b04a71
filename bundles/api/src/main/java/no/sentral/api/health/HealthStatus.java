package no.sentral.api.health;

/** Result of a {@link HealthCheck}: up or down, with a human-readable detail. */
public record HealthStatus(boolean up, String detail) {

    public static HealthStatus up(String detail) {
        return new HealthStatus(true, detail);
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus(false, detail);
    }
}
