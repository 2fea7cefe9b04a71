package no.sentral.api.audit;

import java.time.Instant;

/**
 * One line of the append-only audit log.
 *
 * @param seq    position in the log, assigned by the store
 * @param before JSON of the entity before the change, null when created
 * @param after  JSON of the entity after the change, null when deleted
 */
public record AuditEntry(long seq, Instant at, String tenant, String actor, String entityType,
                         String entityId, String action, String before, String after) {
}
