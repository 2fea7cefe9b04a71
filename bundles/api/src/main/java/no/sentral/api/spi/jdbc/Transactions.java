package no.sentral.api.spi.jdbc;

import java.sql.SQLException;

/**
 * Runs a change in one PostgreSQL transaction together with its audit entries and its events:
 * all of them commit, or none does. Events are kept in an outbox table inside the transaction
 * and relayed to the broker after the commit, so a process that dies half-way neither loses an
 * event nor publishes one for a change that was rolled back.
 */
public interface Transactions {

    /** The tenant of system transactions that write several companies' records at once. */
    String SYSTEM = "system";

    /**
     * Runs {@code work} in a new transaction on behalf of {@code actor} inside company {@code tenant}.
     * Any exception rolls everything back and is rethrown ({@link SQLException}s wrapped in
     * {@link IllegalStateException}).
     */
    <T> T inTransaction(String tenant, String actor, Work<T> work);

    /** A unit of work against the transaction's connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Transaction tx) throws SQLException;
    }
}
