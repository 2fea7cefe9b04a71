package no.sentral.persistence.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs versioned migrations per owner (a bundle), recording them in {@code platform_schema_history}.
 * Written for PostgreSQL: a session advisory lock per owner serialises nodes that start together.
 */
public final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private final DataSource dataSource;

    public Migrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int migrate(String owner, List<Migration> migrations) {
        List<Migration> ordered = migrations.stream().sorted(Comparator.comparingInt(Migration::version)).toList();
        for (int i = 1; i < ordered.size(); i++) {
            if (ordered.get(i).version() == ordered.get(i - 1).version()) {
                throw new IllegalStateException(owner + ": two migrations with version " + ordered.get(i).version());
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS platform_schema_history ("
                        + "owner text NOT NULL, version int NOT NULL, description text NOT NULL, "
                        + "checksum text NOT NULL, installed_on timestamptz NOT NULL DEFAULT now(), "
                        + "PRIMARY KEY (owner, version))");
            } catch (SQLException e) {
                // Two nodes creating the table at the same moment: the loser sees a duplicate key, table
                // or type (PostgreSQL's IF NOT EXISTS is not race-free); either way the table exists.
                if (!Set.of("23505", "42P07", "42710").contains(e.getSQLState())) {
                    throw e;
                }
            }
            lock(c, owner, true);
            try {
                return apply(c, owner, ordered);
            } finally {
                lock(c, owner, false);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("migrations of " + owner + " failed: " + e.getMessage(), e);
        }
    }

    private int apply(Connection c, String owner, List<Migration> ordered) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version, checksum FROM platform_schema_history WHERE owner = ?")) {
            ps.setString(1, owner);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.put(rs.getInt(1), rs.getString(2));
                }
            }
        }
        int count = 0;
        for (Migration m : ordered) {
            String checksum = applied.get(m.version());
            if (checksum != null) {
                if (!checksum.equals(m.checksum())) {
                    throw new IllegalStateException(owner + " migration V" + m.version()
                            + " was changed after it was applied (checksum differs); add a new version instead");
                }
                continue;
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO platform_schema_history"
                         + " (owner, version, description, checksum) VALUES (?, ?, ?, ?)")) {
                s.execute(m.sql());
                ps.setString(1, owner);
                ps.setInt(2, m.version());
                ps.setString(3, m.description());
                ps.setString(4, m.checksum());
                ps.executeUpdate();
                c.commit();
                count++;
                LOG.info("migrated {} to V{} ({})", owner, m.version(), m.description());
            } catch (SQLException e) {
                c.rollback();
                throw new SQLException(owner + " V" + m.version() + " (" + m.description() + "): " + e.getMessage(),
                        e.getSQLState(), e);
            } finally {
                c.setAutoCommit(true);
            }
        }
        return count;
    }

    private static void lock(Connection c, String owner, boolean take) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                take ? "SELECT pg_advisory_lock(hashtext(?))" : "SELECT pg_advisory_unlock(hashtext(?))")) {
            ps.setString(1, "sentral-migrations:" + owner);
            ps.execute();
        }
    }
}
