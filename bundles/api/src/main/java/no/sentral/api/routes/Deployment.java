package no.sentral.api.routes;

import java.time.Instant;
import java.util.List;

/**
 * What one source of routes (a route bundle, a Blueprint service, a file in deploy/) put into the
 * route host: its route ids, or why it failed.
 */
public record Deployment(String owner, List<String> routeIds, String error, Instant at) {

    public boolean failed() {
        return error != null;
    }
}
