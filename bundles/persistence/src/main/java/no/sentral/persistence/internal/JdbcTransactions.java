package no.sentral.persistence.internal;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.spi.jdbc.Database;
import no.sentral.api.spi.jdbc.Transaction;
import no.sentral.api.spi.jdbc.Transactions;
import no.sentral.api.event.CloudEventJson;
import org.postgresql.PGConnection;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link Transactions} on the platform database: change, audit entries and outbox rows in one commit. */
@Component(service = Transactions.class)
public class JdbcTransactions implements Transactions {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

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
                        CloudEventJson.toJson(before), CloudEventJson.toJson(after));
            } catch (SQLException e) {
                throw new IllegalStateException("could not write the audit log: " + e.getMessage(), e);
            }
        }

        @Override
        public void copy(String table, List<String> columns, List<? extends List<?>> rows) {
            if (!IDENTIFIER.matcher(table).matches() || !columns.stream().allMatch(c -> IDENTIFIER.matcher(c).matches())) {
                throw new IllegalArgumentException("not a table or column name: " + table + " " + columns);
            }
            if (rows.isEmpty()) {
                return;
            }
            StringBuilder csv = new StringBuilder(rows.size() * 64);
            for (List<?> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        csv.append(',');
                    }
                    Object value = row.get(i);
                    if (value != null) {
                        // Always quoted: an unquoted empty field is NULL in COPY's CSV format.
                        csv.append('"').append(String.valueOf(value instanceof Enum<?> e ? e.name() : value)
                                .replace("\"", "\"\"")).append('"');
                    }
                }
                csv.append('\n');
            }
            try {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " ("
                        + String.join(", ", columns) + ") FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
            } catch (SQLException | IOException e) {
                throw new IllegalStateException("bulk insert into " + table + " failed: " + e.getMessage(),
                        e instanceof SQLException sql ? sql : new SQLException(e));
            }
        }

        @Override
        public void auditCreated(String entityType, Map<String, ?> afterById) {
            List<List<?>> rows = new ArrayList<>(afterById.size());
            afterById.forEach((id, after) -> rows.add(Arrays.asList(tenant, actor, entityType, id, "created",
                    CloudEventJson.toJson(after))));
            copy("platform_audit_log", List.of("tenant", "actor", "entity_type", "entity_id", "action", "after"), rows);
        }

        @Override
        public void publishAll(EventAddress address, Map<String, ?> dataBySubject) {
            List<List<?>> rows = new ArrayList<>(dataBySubject.size());
            for (Map.Entry<String, ?> entry : dataBySubject.entrySet()) {
                CloudEvent event = CloudEventJson.newEvent(address, tenant, entry.getKey(), entry.getValue(),
                        clock.instant());
                rows.add(Arrays.asList(event.id(), event.type(), tenant, event.subject(), event.time(), event.data()));
            }
            copy("platform_event_outbox", List.of("id", "type", "tenant", "subject", "time", "data"), rows);
            published |= !rows.isEmpty();
        }

        @Override
        public CloudEvent publish(EventAddress address, String subject, Object data) {
            return publishFor(tenant, address, subject, data);
        }

        @Override
        public CloudEvent publishFor(String eventTenant, EventAddress address, String subject, Object data) {
            CloudEvent event = CloudEventJson.newEvent(address, eventTenant, subject, data, clock.instant());
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
