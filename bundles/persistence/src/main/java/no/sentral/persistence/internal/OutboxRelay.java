package no.sentral.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.CloudEventJson;
import no.sentral.api.event.EventPublisher;
import no.sentral.api.spi.jdbc.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the events staged in {@code platform_event_outbox} to the broker in the order they were
 * staged, then deletes exactly the rows it sent. Woken after each commit and every second (to pick
 * up rows left by a process that died). A transaction-scoped advisory lock lets only one node relay
 * at a time, so one transaction's events, and a tenant's events of transactions that committed one
 * after the other, reach the broker in order; events of transactions that commit at the same moment
 * may interleave. A crash between send and delete re-sends the same event id: the broker's duplicate
 * detection and the consumers' idempotency drop it.
 */
@Component(service = OutboxRelay.class)
public class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);
    private static final long LOCK_KEY = 0x53_45_4E_54_4F_42L; // "SENTOB"
    private static final int BATCH = 500;

    private final Database database;
    private final Consumer<List<CloudEvent>> publisher;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sentral-outbox-relay");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public OutboxRelay(@Reference Database database, @Reference EventPublisher publisher) {
        this(database, publisher::publishAll);
    }

    /**
     * @param publisher sends a batch of events, all or none (one broker transaction). Not public: SCR
     *                  looks at every public constructor and logs an error for one it cannot inject.
     */
    OutboxRelay(Database database, Consumer<List<CloudEvent>> publisher) {
        this.database = database;
        this.publisher = publisher;
        executor.scheduleWithFixedDelay(this::drainQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /** Asks for a prompt relay of what was just committed. */
    public void wake() {
        executor.execute(this::drainQuietly);
    }

    @Deactivate
    public void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void drainQuietly() {
        try {
            while (drainBatch() == BATCH) {
                // a full batch: there may be more
            }
        } catch (RuntimeException | SQLException e) {
            LOG.warn("Outbox relay: {} (retrying in a second)", e.getMessage());
        }
    }

    /** Relays one batch; returns how many events were sent. Public for tests. */
    public int drainBatch() throws SQLException {
        try (Connection c = database.dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                int sent = relay(c);
                c.commit();
                return sent;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private int relay(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return 0;
            }
        }
        List<CloudEvent> events = new ArrayList<>();
        List<Long> sent = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, id, type, tenant, subject, time, data"
                + " FROM platform_event_outbox ORDER BY seq LIMIT " + BATCH);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sent.add(rs.getLong(1));
                events.add(new CloudEvent(rs.getString(2), CloudEventJson.SOURCE, rs.getString(3),
                        rs.getTimestamp(6).toInstant(), rs.getString(4), rs.getString(5), rs.getString(7)));
            }
        }
        publisher.accept(events);
        if (!events.isEmpty()) {
            // Exactly the rows sent: a transaction that staged a lower seq may have committed meanwhile.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM platform_event_outbox WHERE seq = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("bigint", sent.toArray()));
                ps.executeUpdate();
            }
        }
        return events.size();
    }
}
