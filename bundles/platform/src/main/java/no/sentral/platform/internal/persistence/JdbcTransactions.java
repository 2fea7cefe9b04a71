package no.sentral.platform.internal.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.persistence.Transaction;
import no.sentral.api.persistence.Transactions;
import no.sentral.platform.internal.events.CloudEventCodec;
import no.sentral.platform.internal.events.JmsEventPublisher;
import no.sentral.platform.internal.events.OutboxRelay;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link Transactions} on the platform database: change, audit entries and outbox rows in one commit. */
@Component(service = Transactions.class)
public class JdbcTransactions implements Transactions {

    private final Database database;
    private final Runnable afterPublishingCommit;
    private final Clock clock;

    @Activate
    public JdbcTransactions(@Reference Database database, @Reference OutboxRelay relay) {
        this(database, relay::wake, Clock.systemUTC());
    }

    /** @param afterPublishingCommit run after a commit that staged events (the relay's wake-up) */
    public JdbcTransactions(Database database, Runnable afterPublishingCommit, Clock clock) {
        this.database = database;
        this.afterPublishingCommit = afterPublishingCommit;
        this.clock = clock;
    }

    @Override
    public <T> T inTransaction(String tenant, String actor, Work<T> work) {
        if (tenant == null || tenant.isBlank() || actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a transaction needs a tenant and an actor");
        }
        boolean published;
        T result;
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            OpenTransaction tx = new OpenTransaction(c, tenant, actor);
            try {
                result = work.run(tx);
                c.commit();
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            published = tx.published;
        } catch (SQLException e) {
            throw new IllegalStateException("database transaction failed: " + e.getMessage(), e);
        }
        if (published) {
            afterPublishingCommit.run();
        }
        return result;
    }

    private final class OpenTransaction implements Transaction {
        private final Connection connection;
        private final String tenant;
        private final String actor;
        private boolean published;

        OpenTransaction(Connection connection, String tenant, String actor) {
            this.connection = connection;
            this.tenant = tenant;
            this.actor = actor;
        }

        @Override
        public Connection connection() {
            return connection;
        }

        @Override
        public String tenant() {
            return tenant;
        }

        @Override
        public String actor() {
            return actor;
        }

        @Override
        public void audit(String entityType, String entityId, String action, Object before, Object after) {
            try {
                JdbcAuditLog.insert(connection, tenant, actor, entityType, entityId, action,
                        CloudEventCodec.toJson(before), CloudEventCodec.toJson(after));
            } catch (SQLException e) {
                throw new IllegalStateException("could not write the audit log: " + e.getMessage(), e);
            }
        }

        @Override
        public void auditCreated(String entityType, Map<String, ?> afterById) {
            String[] ids = afterById.keySet().toArray(String[]::new);
            String[] afters = afterById.values().stream().map(CloudEventCodec::toJson).toArray(String[]::new);
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO platform_audit_log"
                    + " (tenant, actor, entity_type, entity_id, action, after)"
                    + " SELECT ?, ?, ?, u.id, 'created', u.after::jsonb FROM unnest(?, ?) AS u(id, after)")) {
                ps.setString(1, tenant);
                ps.setString(2, actor);
                ps.setString(3, entityType);
                ps.setArray(4, connection.createArrayOf("text", ids));
                ps.setArray(5, connection.createArrayOf("text", afters));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("could not write the audit log: " + e.getMessage(), e);
            }
        }

        @Override
        public void publishAll(EventAddress address, Map<String, ?> dataBySubject) {
            int n = dataBySubject.size();
            String[] ids = new String[n];
            String[] subjects = new String[n];
            String[] data = new String[n];
            int i = 0;
            for (Map.Entry<String, ?> entry : dataBySubject.entrySet()) {
                CloudEvent event = JmsEventPublisher.newEvent(address, tenant, entry.getKey(), entry.getValue(),
                        clock.instant());
                ids[i] = event.id();
                subjects[i] = event.subject();
                data[i++] = event.data();
            }
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO platform_event_outbox"
                    + " (id, type, tenant, subject, time, data) SELECT u.id, ?, ?, u.subject, ?, u.data"
                    + " FROM unnest(?, ?, ?) WITH ORDINALITY AS u(id, subject, data, n) ORDER BY u.n")) {
                ps.setString(1, address.toString());
                ps.setString(2, tenant);
                ps.setTimestamp(3, Timestamp.from(clock.instant()));
                ps.setArray(4, connection.createArrayOf("text", ids));
                ps.setArray(5, connection.createArrayOf("text", subjects));
                ps.setArray(6, connection.createArrayOf("text", data));
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("could not stage the events: " + e.getMessage(), e);
            }
            published |= n > 0;
        }

        @Override
        public CloudEvent publish(EventAddress address, String subject, Object data) {
            CloudEvent event = JmsEventPublisher.newEvent(address, tenant, subject, data, clock.instant());
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO platform_event_outbox"
                    + " (id, type, tenant, subject, time, data) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, event.id());
                ps.setString(2, event.type());
                ps.setString(3, event.tenant());
                ps.setString(4, event.subject());
                ps.setTimestamp(5, Timestamp.from(event.time()));
                ps.setString(6, event.data());
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("could not stage the event: " + e.getMessage(), e);
            }
            published = true;
            return event;
        }
    }
}
