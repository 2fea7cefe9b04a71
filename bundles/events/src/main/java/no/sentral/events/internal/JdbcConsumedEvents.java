package no.sentral.events.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * {@link ConsumedEvents} in PostgreSQL. The "consumed" row is inserted in a transaction that
 * commits only when the work succeeded; a concurrent duplicate blocks on the key until then.
 */
public final class JdbcConsumedEvents implements ConsumedEvents {

    private final DataSource dataSource;

    public JdbcConsumedEvents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean once(String consumer, String eventId, Callable<Void> work) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform_event_consumed (consumer, event_id)"
                    + " VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, consumer);
                ps.setString(2, eventId);
                if (ps.executeUpdate() == 0) {
                    c.rollback();
                    return false;
                }
                work.call();
                c.commit();
                return true;
            } catch (Exception e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Forgets events handled before {@code days} ago; redeliveries come within minutes, not days. */
    public int purgeOlderThan(int days) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM platform_event_consumed WHERE consumed_at < now() - make_interval(days => ?)")) {
            ps.setInt(1, days);
            return ps.executeUpdate();
        }
    }
}
