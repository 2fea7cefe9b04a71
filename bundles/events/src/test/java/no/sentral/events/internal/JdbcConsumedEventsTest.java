package no.sentral.events.internal;

import static no.sentral.persistence.internal.testing.TestPostgres.column;
import static no.sentral.persistence.internal.testing.TestPostgres.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import no.sentral.persistence.internal.Migrator;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class JdbcConsumedEventsTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private DataSource db;
    private JdbcConsumedEvents consumed;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void migratedDatabase() throws Exception {
        db = postgres.freshDatabase();
        new Migrator(db).migrate("platform", TestPostgres.platformScripts());
        consumed = new JdbcConsumedEvents(db);
    }

    private Void count() {
        runs.incrementAndGet();
        return null;
    }

    @Test
    void runsTheWorkTheFirstTimeOnly() throws Exception {
        assertTrue(consumed.once("billing", "ev-1", this::count));
        assertFalse(consumed.once("billing", "ev-1", this::count));
        assertFalse(new JdbcConsumedEvents(db).once("billing", "ev-1", this::count));
        assertEquals(1, runs.get());
        assertEquals(List.of("billing:ev-1"), column(db, "SELECT consumer || ':' || event_id FROM platform_event_consumed"));
    }

    @Test
    void consumersAndEventsAreIndependent() throws Exception {
        assertTrue(consumed.once("billing", "ev-1", this::count));
        assertTrue(consumed.once("archive", "ev-1", this::count));
        assertTrue(consumed.once("billing", "ev-2", this::count));
        assertEquals(3, runs.get());
    }

    @Test
    void failedWorkIsNotRecordedSoARedeliveryRunsItAgain() throws Exception {
        IllegalStateException boom = new IllegalStateException("downstream is down");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> consumed.once("billing", "ev-1", () -> {
                    runs.incrementAndGet();
                    throw boom;
                }));
        assertSame(boom, thrown, "the work's own exception reaches the consumer");
        assertEquals(List.of("0"), column(db, "SELECT count(*) FROM platform_event_consumed"));

        assertTrue(consumed.once("billing", "ev-1", this::count));
        assertEquals(2, runs.get());
        assertFalse(consumed.once("billing", "ev-1", this::count));
    }

    @Test
    void aConcurrentDuplicateWaitsForTheFirstAndIsThenSkipped() throws Exception {
        CountDownLatch firstIsWorking = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> first = pool.submit(() -> consumed.once("billing", "ev-1", () -> {
                runs.incrementAndGet();
                firstIsWorking.countDown();
                assertTrue(releaseFirst.await(10, TimeUnit.SECONDS));
                return null;
            }));
            assertTrue(firstIsWorking.await(10, TimeUnit.SECONDS));
            Future<Boolean> second = pool.submit(() -> consumed.once("billing", "ev-1", this::count));
            Thread.sleep(300);
            assertFalse(second.isDone(), "the duplicate blocks on the uncommitted row");
            releaseFirst.countDown();
            assertTrue(first.get(10, TimeUnit.SECONDS));
            assertFalse(second.get(10, TimeUnit.SECONDS));
            assertEquals(1, runs.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aConcurrentDuplicateRunsWhenTheFirstFails() throws Exception {
        CountDownLatch firstIsWorking = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> first = pool.submit(() -> consumed.once("billing", "ev-1", () -> {
                firstIsWorking.countDown();
                assertTrue(releaseFirst.await(10, TimeUnit.SECONDS));
                throw new IllegalStateException("failed");
            }));
            assertTrue(firstIsWorking.await(10, TimeUnit.SECONDS));
            Future<Boolean> second = pool.submit(() -> consumed.once("billing", "ev-1", this::count));
            Thread.sleep(300);
            releaseFirst.countDown();
            assertThrows(java.util.concurrent.ExecutionException.class, () -> first.get(10, TimeUnit.SECONDS));
            assertTrue(second.get(10, TimeUnit.SECONDS));
            assertEquals(1, runs.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void purgeForgetsOnlyOldEntries() throws Exception {
        consumed.once("billing", "recent", this::count);
        execute(db, "INSERT INTO platform_event_consumed (consumer, event_id, consumed_at) VALUES"
                + " ('billing', 'old', now() - interval '8 days'),"
                + " ('archive', 'older', now() - interval '30 days'),"
                + " ('billing', 'almost', now() - interval '6 days 23 hours')");

        assertEquals(2, consumed.purgeOlderThan(7));
        assertEquals(List.of("almost", "recent"),
                column(db, "SELECT event_id FROM platform_event_consumed ORDER BY event_id"));
        assertEquals(0, consumed.purgeOlderThan(7));

        // A purged event counts as new again.
        assertTrue(consumed.once("billing", "old", this::count));
        assertFalse(consumed.once("billing", "almost", this::count));
    }
}
