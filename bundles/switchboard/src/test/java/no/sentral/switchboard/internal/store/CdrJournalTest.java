package no.sentral.switchboard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import no.sentral.api.telephony.CallRecord;
import no.sentral.api.telephony.Hop;
import no.sentral.persistence.internal.JdbcTransactions;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import no.sentral.persistence.internal.testing.TestPostgres;
import no.sentral.switchboard.internal.engine.Visit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CDR of an ended call is never lost (issue 11 section 3): not while the database is down (the
 * journal holds it, memory stays bounded), not when the process is killed with {@code kill -9} after
 * the call was recorded, and a replay of calls already written counts them once.
 */
class CdrJournalTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private static final String T = "acme";
    private static final Instant START = Instant.parse("2026-11-25T09:07:00Z");

    @TempDir
    Path journal;
    private DataSource db;
    private JdbcTransactions transactions;

    @BeforeEach
    void setUp() throws Exception {
        db = postgres.freshDatabase();
        ClasspathDatabase platform = new ClasspathDatabase(db);
        new SwitchboardDatabase(platform);
        transactions = new JdbcTransactions(platform, () -> { }, Clock.systemUTC());
    }

    static CallRecord record(String call) {
        return new CallRecord(T, call, CallRecord.Direction.INBOUND, "+4741234567", "+4722000000", START,
                START.plusSeconds(12), START.plusSeconds(100), CallRecord.Disposition.ANSWERED, "e1", "support", 12, 88,
                List.of("e1"), List.of(new Hop(START, "number", "+4722000000", null)));
    }

    static List<Visit> visits(String call) {
        return List.of(new Visit(Visit.Kind.QUEUE, "support", call, START, Visit.Result.ANSWERED, 12_000, 88_000, true));
    }

    private void databaseDown() throws Exception {
        TestPostgres.execute(db, "ALTER TABLE sb_cdr RENAME TO sb_cdr_away");
    }

    private void databaseBack() throws Exception {
        TestPostgres.execute(db, "ALTER TABLE sb_cdr_away RENAME TO sb_cdr");
    }

    private long rows() throws Exception {
        return Long.parseLong(TestPostgres.column(db, "SELECT count(*) FROM sb_cdr").get(0));
    }

    private String offered() throws Exception {
        return TestPostgres.column(db, "SELECT coalesce(sum(offered), 0) FROM sb_stats WHERE kind = 'queue'").get(0);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void callsEndedDuringADatabaseOutageAreWrittenWhenItReturnsWithBoundedMemory() throws Exception {
        databaseDown();
        CdrWriter cdrs = new CdrWriter(transactions, journal, 50);
        for (int i = 0; i < 400; i++) {
            cdrs.add(record("call-" + i), visits("call-" + i));
        }
        await("all journaled", () -> cdrs.recorded() == 400);
        assertEquals(400, cdrs.backlog());
        assertThat(new CdrJournal(journal).files()).isNotEmpty();
        databaseBack();
        await("all written", () -> cdrs.backlog() == 0);
        cdrs.stop();
        assertEquals(400, rows());
        assertEquals("400", offered());
        assertThat(new CdrJournal(journal).files()).as("written batches leave the journal").isEmpty();
    }

    @Test
    void aStopDuringAnOutageLeavesTheCallsInTheJournalForTheNextStart() throws Exception {
        databaseDown();
        CdrWriter before = new CdrWriter(transactions, journal);
        before.add(record("call-1"), visits("call-1"));
        before.add(record("call-2"), visits("call-2"));
        await("journaled", () -> before.recorded() == 2);
        before.stop();
        databaseBack();
        assertEquals(0, rows());
        CdrWriter after = new CdrWriter(transactions, journal);
        assertEquals(2, after.backlog(), "the journal's calls count as unwritten at start");
        await("replayed", () -> after.backlog() == 0);
        after.stop();
        assertEquals(2, rows());
    }

    @Test
    void aReplayOfCallsAlreadyWrittenKeepsAndCountsThemOnce() throws Exception {
        CdrWriter first = new CdrWriter(transactions, journal);
        first.add(record("call-1"), visits("call-1"));
        await("written", () -> first.backlog() == 0);
        first.stop();
        // A crash between the commit and the deletion of the journal file leaves the file behind.
        CdrJournal left = new CdrJournal(journal);
        left.write(left.next(), List.of(new CdrJournal.Ended(record("call-1"), visits("call-1"))));
        CdrWriter second = new CdrWriter(transactions, journal);
        await("replayed", () -> second.backlog() == 0);
        second.stop();
        assertEquals(1, rows());
        assertEquals("1", offered());
        assertThat(left.files()).isEmpty();
    }

    @Test
    void aCallRecordedBeforeKillMinus9IsWrittenAtTheNextStart() throws Exception {
        databaseDown();
        String url;
        String user;
        try (Connection c = db.getConnection()) {
            url = c.getMetaData().getURL();
            user = c.getMetaData().getUserName();
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CdrJournalChild.class.getName(), url, user,
                journal.toString()).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals(CdrJournalChild.RECORDED)) {
                System.out.println("child: " + line);
            }
            assertEquals(CdrJournalChild.RECORDED, line, "the child recorded its call");
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
        databaseBack();
        assertEquals(0, rows());
        CdrWriter after = new CdrWriter(transactions, journal);
        await("replayed", () -> after.backlog() == 0);
        after.stop();
        assertEquals(List.of("killed-call"), TestPostgres.column(db, "SELECT call_id FROM sb_cdr"));
        assertEquals("1", offered());
    }
}
