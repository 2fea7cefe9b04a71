package no.sentral.api.audit;

import java.time.Instant;

/** Filter for the audit log; null fields match everything. {@code tenant} is always required. */
public record AuditQuery(String tenant, String entityType, String entityId, String actor,
                         Instant from, Instant to, int limit) {

    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("an audit query is always for one tenant");
        }
        if (limit <= 0 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
