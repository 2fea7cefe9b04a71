package no.sentral.events.internal;

import static no.sentral.persistence.internal.testing.TestPostgres.column;
import static no.sentral.persistence.internal.testing.TestPostgres.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import no.sentral.persistence.internal.Migrator;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The batches of {@link JdbcConsumedEvents} on a real PostgreSQL, migrated as in Karaf (platform, then events). */
@Timeout(30)
class JdbcConsumedEventsTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private DataSource db;
    private JdbcConsumedEvents consumed;

    @BeforeEach
    void migratedDatabase() throws Exception {
        db = postgres.freshDatabase();
        consumed = JdbcConsumedEvents.migrated(new ClasspathDatabase(db));
    }

    private Set<String> commit(String consumer, List<String> ids) throws Exception {
        try (ConsumedEvents.Batch batch = consumed.begin(consumer)) {
            Set<String> fresh = batch.record(ids);
            batch.commit();
            return fresh;
        }
    }

    @Test
    void recordsEachEventOncePerConsumer() throws Exception {
        assertEquals(Set.of("ev-1", "ev-2"), commit("billing", List.of("ev-1", "ev-2")));
        assertEquals(Set.of("ev-3"), commit("billing", List.of("ev-1", "ev-3", "ev-2")));
        assertEquals(Set.of("ev-1"), commit("archive", List.of("ev-1")), "consumers are independent");
        assertEquals(Set.of("ev-4"), commit("billing", List.of("ev-4", "ev-4")), "a repeat inside a batch counts once");
        assertEquals(List.of("archive:ev-1", "billing:ev-1", "billing:ev-2", "billing:ev-3", "billing:ev-4"),
                column(db, "SELECT consumer || ':' || event_id FROM platform_event_consumed ORDER BY 1"));
    }

    @Test
    void aBatchClosedWithoutCommitLeavesNothingNeitherRecordsNorTheHandlersWork() throws Exception {
        execute(db, "CREATE TABLE ledger (event_id text)");
        try (ConsumedEvents.Batch batch = consumed.begin("billing")) {
            batch.record(List.of("ev-1"));
            try (var statement = batch.connection().createStatement()) {
                statement.execute("INSERT INTO ledger VALUES ('ev-1')");
            }
            batch.published(Map.of("ev-1", List.of("{}")));
        }
        assertEquals(List.of("0"), column(db, "SELECT count(*) FROM platform_event_consumed"));
        assertEquals(List.of("0"), column(db, "SELECT count(*) FROM ledger"));
        assertEquals(List.of("0"), column(db, "SELECT count(*) FROM events_consumed_batch"));
        assertEquals(Set.of("ev-1"), commit("billing", List.of("ev-1")));
    }

    @Test
    void whatAnEventsHandlingPublishedIsKeptForItsRedelivery() throws Exception {
        try (ConsumedEvents.Batch batch = consumed.begin("relay")) {
            batch.record(List.of("ev-1", "ev-2", "ev-3"));
            batch.published(Map.of("ev-1", List.of("a", "b", "c"), "ev-2", List.of(), "ev-3", List.of("d")));
            batch.commit();
        }
        try (ConsumedEvents.Batch batch = consumed.begin("relay")) {
            assertEquals(Map.of("ev-1", List.of("a", "b", "c"), "ev-3", List.of("d")),
                    batch.publishedBy(List.of("ev-1", "ev-2", "ev-3", "ev-9")));
        }
        try (ConsumedEvents.Batch batch = consumed.begin("other")) {
            assertEquals(Map.of(), batch.publishedBy(List.of("ev-1")));
        }
    }

    @Test
    void whatABatchOfAThousandEventsPublishedIsKeptExactlyInOneRow() throws Exception {
        Map<String, List<String>> published = new LinkedHashMap<>();
        for (int e = 0, n = 0; e < 1_000; e++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < e % 3; i++, n++) {
                events.add("{\"n\":" + n + ",\"text\":\"quote \\\" backslash \\\\ comma, brace } 'x' \\u001e æøå 😀\"}\n");
            }
            published.put("ev-" + e, events);
        }
        try (ConsumedEvents.Batch batch = consumed.begin("relay")) {
            batch.record(List.copyOf(published.keySet()));
            batch.published(published);
            batch.commit();
        }
        assertEquals(List.of("1"), column(db, "SELECT count(*) FROM events_consumed_batch"));
        published.values().removeIf(List::isEmpty);
        try (ConsumedEvents.Batch batch = consumed.begin("relay")) {
            assertEquals(published, batch.publishedBy(published.keySet()));
            assertEquals(Map.of("ev-2", published.get("ev-2")), batch.publishedBy(List.of("ev-2", "ev-3")));
        }
    }

    @Test
    void anEventThatIsNotJsonTextIsRefusedRatherThanKeptWrong() throws Exception {
        try (ConsumedEvents.Batch batch = consumed.begin("relay")) {
            batch.record(List.of("ev-1"));
            assertThrows(IllegalArgumentException.class,
                    () -> batch.published(Map.of("ev-1", List.of("{\"raw\":\"\u001e\"}"))));
        }
    }

    @Test
    void whatEarlierVersionsKeptPerEventIsFoundAfterTheMigration() throws Exception {
        DataSource old = postgres.freshDatabase();
        new ClasspathDatabase(old); // the platform's tables, as the persistence bundle makes them
        new Migrator(old).migrate("events", ClasspathDatabase.scripts(JdbcConsumedEvents.class, "events").stream()
                .filter(m -> m.version() == 1).toList());
        execute(old, "INSERT INTO platform_event_consumed (consumer, event_id) VALUES ('relay', 'ev-1'), ('relay', 'ev-2')");
        execute(old, "INSERT INTO events_consumed_published (consumer, event_id, seq, event) VALUES"
                + " ('relay', 'ev-1', 1, '{\"b\":2}'), ('relay', 'ev-1', 0, '{\"a\":1}'), ('relay', 'ev-2', 0, '{}')");
        JdbcConsumedEvents migrated = JdbcConsumedEvents.migrated(new ClasspathDatabase(old));
        try (ConsumedEvents.Batch batch = migrated.begin("relay")) {
            assertEquals(Map.of("ev-1", List.of("{\"a\":1}", "{\"b\":2}"), "ev-2", List.of("{}")),
                    batch.publishedBy(List.of("ev-1", "ev-2")));
        }
    }

    @Test
    void aConcurrentBatchWithTheSameEventWaitsForTheFirstAndThenSkipsIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch recorded = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<Set<String>> first = pool.submit(() -> {
                try (ConsumedEvents.Batch batch = consumed.begin("billing")) {
                    Set<String> fresh = batch.record(List.of("ev-1"));
                    recorded.countDown();
                    assertTrue(release.await(10, TimeUnit.SECONDS));
                    batch.commit();
                    return fresh;
                }
            });
            assertTrue(recorded.await(10, TimeUnit.SECONDS));
            Future<Set<String>> second = pool.submit(() -> commit("billing", List.of("ev-1", "ev-2")));
            Thread.sleep(300);
            release.countDown();
            assertEquals(Set.of("ev-1"), first.get(10, TimeUnit.SECONDS));
            assertEquals(Set.of("ev-2"), second.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeForgetsOnlyOldEntries() throws Exception {
        commit("billing", List.of("recent"));
        execute(db, "INSERT INTO platform_event_consumed (consumer, event_id, consumed_at) VALUES"
                + " ('billing', 'old', now() - interval '8 days'),"
                + " ('archive', 'older', now() - interval '30 days'),"
                + " ('billing', 'almost', now() - interval '6 days 23 hours')");
        execute(db, "INSERT INTO events_consumed_batch (consumer, batch, event_ids, published, consumed_at) VALUES"
                + " ('billing', gen_random_uuid(), '{old}', E'\\x1e{}\\n', now() - interval '8 days')");

        assertEquals(2, consumed.purgeOlderThan(7));
        assertEquals(List.of("almost", "recent"),
                column(db, "SELECT event_id FROM platform_event_consumed ORDER BY event_id"));
        assertEquals(List.of("0"), column(db, "SELECT count(*) FROM events_consumed_batch"));
        assertEquals(Set.of("old"), commit("billing", List.of("old", "almost")), "a purged event counts as new again");
    }
}
