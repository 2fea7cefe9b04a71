package no.sentral.api.spi.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The few JDBC moves every store repeats: bind, run, map rows. */
public final class Sql {

    /** Rows fetched per round trip by {@link #each}. */
    private static final int FETCH = 1_000;

    private Sql() {
    }

    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static <T> List<T> list(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            List<T> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row.map(rs));
                }
            }
            return result;
        }
    }

    /**
     * Hands each row of a query to {@code row} as PostgreSQL's cursor yields them, {@link #FETCH} at a time,
     * so a result of any size needs the memory of one fetch. Cursors stream only inside a transaction
     * (see {@link #snapshot}); with auto-commit on, the driver reads the whole result first.
     */
    public static void each(Connection c, String sql, Row<?> row, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(FETCH);
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.map(rs);
                }
            }
        }
    }

    /**
     * Runs {@code read} in one read-only, repeatable-read transaction on {@code c}: every query sees the
     * database as it was at the first one, and {@link #each} streams.
     */
    public static <T> T snapshot(Connection c, Database.Work<T> read) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try {
            return read.run(c);
        } finally {
            c.rollback();
            c.setReadOnly(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(true);
        }
    }

    public static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        List<T> rows = list(c, sql, row, args);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            return ps.executeUpdate();
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof UUID[] ids) {
                ps.setArray(i + 1, c.createArrayOf("uuid", ids));
            } else if (arg instanceof String[] texts) {
                ps.setArray(i + 1, c.createArrayOf("text", texts));
            } else if (arg instanceof Enum<?> e) {
                ps.setString(i + 1, e.name());
            } else {
                ps.setObject(i + 1, arg);
            }
        }
    }

    /** A path id as a UUID; anything else names nothing, so it answers like a missing entity. */
    public static Optional<UUID> uuid(String id) {
        if (id == null || id.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
