package no.sentral.api.audit;

import java.util.List;

/** The append-only audit log every capability writes its changes to (who, when, what, before/after). */
public interface AuditLog {

    /** Appends one change; the store assigns sequence number and time. */
    AuditEntry append(String tenant, String actor, String entityType, String entityId, String action,
                      String before, String after);

    /** Entries matching the query, oldest first. */
    List<AuditEntry> query(AuditQuery query);
}
