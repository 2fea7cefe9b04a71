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
import javax.sql.DataSource;
import no.sentral.api.spi.jdbc.Database;

/**
 * {@link ConsumedEvents} in PostgreSQL: {@code platform_event_consumed} and this bundle's
 * {@code events_consumed_published}. A batch costs one statement to record all its events (a
 * concurrent duplicate blocks on the key until the first batch ends) and one to keep what they published.
 */
public final class JdbcConsumedEvents implements ConsumedEvents {

    /** Rows per INSERT of published events: 3 parameters each, far below PostgreSQL's 32,767 per statement. */
    static final int ROWS_PER_INSERT = 1_000;

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
            return new JdbcBatch(consumer, c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** An INSERT of {@code rows} published events of one consumer (the first parameter). */
    private static String publishedInsert(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO events_consumed_published (consumer, event_id, seq, event)"
                + " SELECT ?, * FROM (VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?, ?::int, ?)" : ", (?, ?::int, ?)");
        }
        return sql.append(") AS published (event_id, seq, event)").toString();
    }

    private record PublishedRow(String eventId, int seq, String event) {
    }

    private static final class JdbcBatch implements Batch {
        private final String consumer;
        private final Connection c;
        private boolean committed;

        JdbcBatch(String consumer, Connection c) {
            this.consumer = consumer;
            this.c = c;
        }

        @Override
        public Connection connection() {
            return c;
        }

        @Override
        public Set<String> record(List<String> eventIds) throws SQLException {
            Set<String> recorded = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform_event_consumed (consumer, event_id)"
                    + " SELECT ?, unnest(?::text[]) ON CONFLICT DO NOTHING RETURNING event_id")) {
                ps.setString(1, consumer);
                ps.setArray(2, c.createArrayOf("text", eventIds.toArray()));
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
            Map<String, List<String>> published = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT event_id, event FROM events_consumed_published"
                    + " WHERE consumer = ? AND event_id = ANY(?::text[]) ORDER BY event_id, seq")) {
                ps.setString(1, consumer);
                ps.setArray(2, c.createArrayOf("text", eventIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        published.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
            }
            return published;
        }

        @Override
        public void published(Map<String, List<String>> eventsById) throws SQLException {
            List<PublishedRow> rows = new ArrayList<>();
            eventsById.forEach((id, published) -> {
                for (int i = 0; i < published.size(); i++) {
                    rows.add(new PublishedRow(id, i, published.get(i)));
                }
            });
            // Rows as bind parameters of a multi-row INSERT: the events' JSON goes to the server as it is, not
            // escaped into an array literal that the server parses again (≈ 20 % of a consumer thread's CPU).
            for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
                int n = Math.min(ROWS_PER_INSERT, rows.size() - from);
                try (PreparedStatement ps = c.prepareStatement(publishedInsert(n))) {
                    ps.setString(1, consumer);
                    int p = 2;
                    for (PublishedRow row : rows.subList(from, from + n)) {
                        ps.setString(p++, row.eventId());
                        ps.setInt(p++, row.seq());
                        ps.setString(p++, row.event());
                    }
                    ps.executeUpdate();
                }
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
                     "DELETE FROM events_consumed_published WHERE consumed_at < now() - make_interval(days => ?)");
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM platform_event_consumed WHERE consumed_at < now() - make_interval(days => ?)")) {
            published.setInt(1, days);
            published.executeUpdate();
            ps.setInt(1, days);
            return ps.executeUpdate();
        }
    }
}
