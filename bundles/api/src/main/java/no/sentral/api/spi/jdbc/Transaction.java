package no.sentral.api.spi.jdbc;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;

/** One open transaction of {@link Transactions}: its connection, and the audit and events that go with it. */
public interface Transaction {

    /** The transaction's connection; do not commit, roll back or close it. */
    Connection connection();

    String tenant();

    String actor();

    /** Records a change in the audit log; {@code before} and {@code after} are serialised to JSON (null when absent). */
    void audit(String entityType, String entityId, String action, Object before, Object after);

    /**
     * Publishes an event for another company than the transaction's: for system writers that record
     * several companies' facts in one transaction (the switchboard's call records), running as
     * {@link Transactions#SYSTEM}. A company's own change publishes with {@link #publish}.
     */
    CloudEvent publishFor(String tenant, EventAddress address, String subject, Object data);

    /** Publishes an event after the commit; {@code data} is serialised to JSON. Returns the event as it will be sent. */
    CloudEvent publish(EventAddress address, String subject, Object data);

    /**
     * Bulk-inserts rows into a table with PostgreSQL's COPY, inside this transaction: for imports,
     * several times faster than INSERTs. Each value is written as text ({@code null} is NULL) and
     * PostgreSQL converts it to the column's type, so UUIDs, numbers, instants and JSON go as strings.
     */
    void copy(String table, List<String> columns, List<? extends List<?>> rows);

    /** Bulk form of {@link #audit} for entities created together (imports): one entry per entity id. */
    void auditCreated(String entityType, Map<String, ?> afterById);

    /** Bulk form of {@link #publish}: one event per subject, in the map's order. */
    void publishAll(EventAddress address, Map<String, ?> dataBySubject);
}
