package no.sentral.events.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import no.sentral.api.spi.jdbc.Database;

/**
 * {@link ConsumedEvents} in PostgreSQL: {@code platform_event_consumed}, one row per event naming its batch,
 * and this bundle's {@code events_consumed_batch}, one row per batch with what the batch published. A batch
 * costs one statement to record all its events (a concurrent duplicate blocks on the key until the first batch
 * ends) and one to keep what they published.
 */
public final class JdbcConsumedEvents implements ConsumedEvents {

    /** RFC 7464's record separator, which precedes each JSON text of a sequence and cannot occur in one. */
    static final char RS = '\u001e';

    private final DataSource dataSource;

    public JdbcConsumedEvents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** On Sentral's database, with this bundle's table migrated. */
    public static JdbcConsumedEvents migrated(Database database) {
        database.migrate(JdbcConsumedEvents.class, "events");
        return new JdbcConsumedEvents(database.dataSource());
    }

    @Override
    public Batch begin(String consumer) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            return new JdbcBatch(consumer, UUID.randomUUID(), c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** The events of an RFC 7464 JSON text sequence, as written by {@link JdbcBatch#published}. */
    static List<String> sequence(String published) {
        List<String> events = new ArrayList<>();
        int start = published.indexOf(RS);
        while (start >= 0) {
            int next = published.indexOf(RS, start + 1);
            int end = next < 0 ? published.length() : next;
            events.add(published.substring(start + 1, end - 1));
            start = next;
        }
        return events;
    }

    private static final class JdbcBatch implements Batch {
        private final String consumer;
        private final UUID id;
        private final Connection c;
        private boolean committed;

        JdbcBatch(String consumer, UUID id, Connection c) {
            this.consumer = consumer;
            this.id = id;
            this.c = c;
        }

        @Override
        public Connection connection() {
            return c;
        }

        @Override
        public Set<String> record(List<String> eventIds) throws SQLException {
            Set<String> recorded = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform_event_consumed"
                    + " (consumer, event_id, batch) SELECT ?, unnest(?::text[]), ?"
                    + " ON CONFLICT DO NOTHING RETURNING event_id")) {
                ps.setString(1, consumer);
                ps.setArray(2, c.createArrayOf("text", eventIds.toArray()));
                ps.setObject(3, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        recorded.add(rs.getString(1));
                    }
                }
            }
            return recorded;
        }

        @Override
        public Map<String, List<String>> publishedBy(Collection<String> eventIds) throws SQLException {
            Set<String> wanted = new HashSet<>(eventIds);
            Map<String, List<String>> published = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT b.event_ids, b.published FROM events_consumed_batch b"
                    + " WHERE b.consumer = ? AND b.batch IN (SELECT batch FROM platform_event_consumed"
                    + " WHERE consumer = ? AND event_id = ANY(?::text[]))")) {
                ps.setString(1, consumer);
                ps.setString(2, consumer);
                ps.setArray(3, c.createArrayOf("text", eventIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String[] ids = (String[]) rs.getArray(1).getArray();
                        List<String> events = sequence(rs.getString(2));
                        for (int i = 0; i < ids.length; i++) {
                            if (wanted.contains(ids[i])) {
                                published.computeIfAbsent(ids[i], k -> new ArrayList<>()).add(events.get(i));
                            }
                        }
                    }
                }
            }
            return published;
        }

        @Override
        public void published(Map<String, List<String>> eventsById) throws SQLException {
            List<String> ids = new ArrayList<>();
            StringBuilder sequence = new StringBuilder();
            eventsById.forEach((id, events) -> {
                for (String event : events) {
                    if (event.indexOf(RS) >= 0) {
                        throw new IllegalArgumentException("a published event of " + id + " is not JSON text:"
                                + " it holds U+001E, which JSON has only as an escape");
                    }
                    ids.add(id);
                    sequence.append(RS).append(event).append('\n');
                }
            });
            if (ids.isEmpty()) {
                return;
            }
            // The events go to the server as one text as they are: as rows or array elements each would be a
            // bind parameter or escaped into an array literal for the server to parse again.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO events_consumed_batch"
                    + " (consumer, batch, event_ids, published) VALUES (?, ?, ?::text[], ?)")) {
                ps.setString(1, consumer);
                ps.setObject(2, id);
                ps.setArray(3, c.createArrayOf("text", ids.toArray()));
                ps.setString(4, sequence.toString());
                ps.executeUpdate();
            }
        }

        @Override
        public void commit() throws SQLException {
            c.commit();
            committed = true;
        }

        @Override
        public void close() throws SQLException {
            try {
                if (!committed) {
                    c.rollback();
                }
                c.setAutoCommit(true);
            } finally {
                c.close();
            }
        }
    }

    /** Forgets events handled before {@code days} ago; redeliveries come within minutes, not days. */
    public int purgeOlderThan(int days) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement published = c.prepareStatement(
                     "DELETE FROM events_consumed_batch WHERE consumed_at < now() - make_interval(days => ?)");
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM platform_event_consumed WHERE consumed_at < now() - make_interval(days => ?)")) {
            published.setInt(1, days);
            published.executeUpdate();
            ps.setInt(1, days);
            return ps.executeUpdate();
        }
    }
}
