package no.sentral.events.internal;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Remembers which events a consumer has handled, so a redelivered event is not handled twice, and
 * what their handling published, so that a redelivery can send that again. It works in batches: one
 * database transaction holds the records of a batch of events and the handlers' own database work.
 */
public interface ConsumedEvents {

    /** Opens the database transaction of one batch of {@code consumer}. */
    Batch begin(String consumer) throws Exception;

    /** One batch's transaction; closing it without {@link #commit} rolls everything back. */
    interface Batch extends AutoCloseable {

        /** The transaction's connection, for the handlers' own work; do not commit, roll back or close it. */
        Connection connection();

        /**
         * Records the events as consumed and returns those recorded now; the others were consumed
         * before. A concurrent batch recording the same event waits here until that one ends.
         */
        Set<String> record(List<String> eventIds) throws Exception;

        /** What the handling of events consumed before published, by event id, in publishing order. */
        Map<String, List<String>> publishedBy(Collection<String> eventIds) throws Exception;

        /** Keeps what the handling of each event published (CloudEvents JSON, by event id), for a redelivery. */
        void published(Map<String, List<String>> eventsById) throws Exception;

        void commit() throws Exception;

        @Override
        void close() throws Exception;
    }
}
