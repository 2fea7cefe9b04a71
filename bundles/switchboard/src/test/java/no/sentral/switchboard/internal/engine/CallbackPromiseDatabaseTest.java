package no.sentral.switchboard.internal.engine;

import static no.sentral.switchboard.internal.config.Destination.Type.QUEUE;
import static no.sentral.switchboard.internal.engine.Plan.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import no.sentral.persistence.internal.testing.TestPostgres;
import no.sentral.switchboard.internal.config.Availability;
import no.sentral.switchboard.internal.config.Strategy;
import no.sentral.switchboard.internal.store.CallbackStore;
import no.sentral.switchboard.internal.store.CallbackWriter;
import no.sentral.switchboard.internal.store.SwitchboardDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The callback promise (PBX-05, issue 11 section 3) against a real PostgreSQL: the engine's callback
 * writes go through the {@link CallbackWriter} on its own thread and its answers come back to the
 * engine as messages, as the host's shard does. The caller hears the confirmation only once the row
 * is in the database; with the database stalled (a lock held) or failing (the table gone) they keep
 * their place on the line and hear that callback is unavailable.
 */
class CallbackPromiseDatabaseTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private static final String T = TestBoard.TENANT;
    private static final String A = "+4741000001";
    private static final String B = "+4741000002";

    private DataSource db;
    private CallbackWriter writer;
    /** The engine thread's mailbox: the writer's answers wait here until the test (the shard) runs them. */
    private final BlockingQueue<Runnable> mailbox = new LinkedBlockingQueue<>();
    private final TestBoard b = new TestBoard(Plan.withUsers(1).main(to(QUEUE, "q"))
            .queue(Plan.queue("q", Strategy.LINEAR)).build());

    @BeforeEach
    void setUp() throws Exception {
        db = postgres.freshDatabase();
        writer = new CallbackWriter(new CallbackStore(new SwitchboardDatabase(new ClasspathDatabase(db))),
                Clock.systemUTC());
        b.engine.login(T, "q", "u1");
        b.engine.setAvailability(T, "u1", Availability.AWAY);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        writer.stop(Duration.ofSeconds(10));
    }

    /** A then B queue; A presses the callback key and the engine's save goes to the writer with {@code patience}. */
    private String askForCallback(Duration patience) {
        String a = b.call(A, Plan.MAIN);
        b.seconds(5);
        b.call(B, Plan.MAIN);
        b.press(a, "1");
        handRequestsToWriter(patience);
        return a;
    }

    private void handRequestsToWriter(Duration patience) {
        assertEquals(1, b.callbackRequests.size());
        for (TestBoard.CallbackRequest r : b.callbackRequests) {
            writer.save(r.callback(), Instant.now().plus(patience), saved -> mailbox.add(() ->
                    b.engine.callbackStored(T, r.callback().call(), r.request(), saved)));
        }
        b.callbackRequests.clear();
    }

    private List<String> rows() throws Exception {
        return TestPostgres.column(db, "SELECT call_id FROM sb_callback");
    }

    private List<String> prompts(String leg) {
        return b.plays(leg).stream().map(p -> p.prompt()).toList();
    }

    private void assertKeepsPlaceOnTheLine(String a) {
        assertFalse(b.hungUpByEngine(a), "the caller is still on the line");
        assertThat(prompts(a)).doesNotContain("callback-confirmed");
        Views.Figures q = b.queue("q");
        assertEquals(List.of(A, B), q.calls().stream().map(Views.Waiting::from).toList(), "A keeps the first place");
        assertEquals(0, q.callbacks());
    }

    /** A session holding the callback table locked: every write to it waits. */
    private Connection lockTable() throws Exception {
        Connection lock = db.getConnection();
        lock.setAutoCommit(false);
        try (Statement s = lock.createStatement()) {
            s.execute("LOCK TABLE sb_callback IN ACCESS EXCLUSIVE MODE");
        }
        return lock;
    }

    @Test
    void aSlowDatabaseDelaysTheConfirmationUntilTheCallbackIsStored() throws Exception {
        String a;
        Runnable answer;
        try (Connection lock = lockTable()) {
            a = askForCallback(Duration.ofSeconds(30));
            assertNull(mailbox.poll(1, TimeUnit.SECONDS), "the write waits for the lock");
            b.seconds(2);
            assertKeepsPlaceOnTheLine(a);
            lock.commit();
            answer = mailbox.poll(20, TimeUnit.SECONDS);
        }
        assertNotNull(answer, "the write is answered once the lock is gone");
        assertEquals(1, rows().size(), "the callback is in the database before the engine hears of it");
        answer.run();
        assertThat(prompts(a)).last().isEqualTo("callback-confirmed");
        assertTrue(b.hungUpByEngine(a));
        assertEquals(1, b.queue("q").callbacks());
        assertEquals(List.of(A, B), b.queue("q").calls().stream().map(Views.Waiting::from).toList());
    }

    @Test
    void aStalledDatabaseLeavesTheCallerInTheirPlaceAndNoCallbackBehind() throws Exception {
        String a;
        try (Connection lock = lockTable()) {
            a = askForCallback(Duration.ofSeconds(1));
            b.pass(QueueRuntime.CALLBACK_SAVE_TIMEOUT);
            assertThat(prompts(a)).last().isEqualTo("callback-unavailable");
            assertKeepsPlaceOnTheLine(a);
            Runnable answer = mailbox.poll(20, TimeUnit.SECONDS);
            assertNotNull(answer, "the stalled statement is cancelled at its deadline");
            answer.run();
            assertKeepsPlaceOnTheLine(a);
            b.doneCallbacks.forEach(call -> writer.delete(T, call));
            lock.rollback();
        }
        writer.stop(Duration.ofSeconds(10));
        assertThat(rows()).isEmpty();
        b.engine.setAvailability(T, "u1", Availability.AVAILABLE);
        assertEquals(A, b.ringing().get(0).callerId(), "A is served first, on the line");
    }

    @Test
    void aFailingDatabaseLeavesTheCallerInTheirPlaceAndTheyCanAskAgainOnceItIsBack() throws Exception {
        TestPostgres.execute(db, "ALTER TABLE sb_callback RENAME TO sb_callback_away");
        String a = askForCallback(Duration.ofSeconds(30));
        Runnable answer = mailbox.poll(20, TimeUnit.SECONDS);
        assertNotNull(answer);
        assertKeepsPlaceOnTheLine(a);
        answer.run();
        assertThat(prompts(a)).last().isEqualTo("callback-unavailable");
        assertKeepsPlaceOnTheLine(a);

        TestPostgres.execute(db, "ALTER TABLE sb_callback_away RENAME TO sb_callback");
        b.press(a, "1");
        handRequestsToWriter(Duration.ofSeconds(30));
        answer = mailbox.poll(20, TimeUnit.SECONDS);
        assertNotNull(answer);
        assertEquals(1, rows().size());
        answer.run();
        assertThat(prompts(a)).last().isEqualTo("callback-confirmed");
        assertTrue(b.hungUpByEngine(a));
    }
}
