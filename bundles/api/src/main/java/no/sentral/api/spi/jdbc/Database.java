package no.sentral.api.spi.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Sentral's PostgreSQL database, for bundles that own tables: migrations per bundle and plain JDBC
 * work on a pooled connection. Changes that must be audited or announced go through
 * {@link Transactions} instead.
 */
public interface Database {

    /** The pooled data source (PostgreSQL, embedded or external). */
    DataSource dataSource();

    /**
     * Applies the owner's pending migrations — {@code db/migration/<owner>/V<n>__<description>.sql}
     * in the bundle of {@code anchor} — in version order, each in its own transaction, under a lock so
     * that several nodes migrating at once do not collide. Scripts already applied are verified by
     * checksum: an edited script fails instead of silently diverging. A bundle calls this when its
     * component activates, before it touches its tables.
     *
     * @return the number of scripts applied now
     */
    int migrate(Class<?> anchor, String owner);

    /**
     * Runs work on a pooled connection in auto-commit and gives it back; an {@link SQLException} comes
     * out unchecked ({@link IllegalStateException}) with the database's message.
     */
    default <T> T run(Work<T> work) {
        try (Connection c = dataSource().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /** JDBC work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }
}
