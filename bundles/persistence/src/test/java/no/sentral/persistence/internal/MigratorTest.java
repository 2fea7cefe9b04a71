package no.sentral.persistence.internal;

import static no.sentral.persistence.internal.testing.TestPostgres.column;
import static no.sentral.persistence.internal.testing.TestPostgres.tableExists;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class MigratorTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();
    private DataSource db;
    private Migrator migrator;

    @BeforeEach
    void freshDatabase() throws Exception {
        db = postgres.freshDatabase();
        migrator = new Migrator(db);
    }

    private static Migration v(int version, String sql) {
        return new Migration(version, "step " + version, sql);
    }

    private List<String> history(String owner) throws Exception {
        return column(db, "SELECT version || ':' || description FROM platform_schema_history WHERE owner = '"
                + owner + "' ORDER BY installed_on, version");
    }

    @Test
    void appliesInVersionOrderWhateverTheListOrder() throws Exception {
        // Each script depends on the one before it, so a wrong order fails.
        List<Migration> scripts = List.of(
                v(10, "INSERT INTO steps (v) VALUES (10)"),
                v(1, "CREATE TABLE steps (seq serial PRIMARY KEY, v int NOT NULL)"),
                v(2, "INSERT INTO steps (v) VALUES (2)"));

        assertEquals(3, migrator.migrate("app", scripts));

        assertEquals(List.of("2", "10"), column(db, "SELECT v FROM steps ORDER BY seq"));
        assertEquals(List.of("1:step 1", "2:step 2", "10:step 10"), history("app"));
        assertEquals(List.of(new Migration(1, "", scripts.get(1).sql()).checksum()),
                column(db, "SELECT checksum FROM platform_schema_history WHERE owner = 'app' AND version = 1"));
    }

    @Test
    void isIdempotentAndAppliesOnlyNewVersions() throws Exception {
        List<Migration> first = List.of(v(1, "CREATE TABLE t (id int)"), v(2, "INSERT INTO t VALUES (1)"));
        assertEquals(2, migrator.migrate("app", first));
        assertEquals(0, migrator.migrate("app", first));
        assertEquals(0, new Migrator(db).migrate("app", first));
        assertEquals(List.of("1"), column(db, "SELECT count(*) FROM t"));

        List<Migration> more = new ArrayList<>(first);
        more.add(v(3, "INSERT INTO t VALUES (3)"));
        assertEquals(1, migrator.migrate("app", more));
        assertEquals(List.of("1", "3"), column(db, "SELECT id FROM t ORDER BY id"));
        assertEquals(3, history("app").size());
    }

    @Test
    void emptyListCreatesOnlyTheHistoryTable() throws Exception {
        assertEquals(0, migrator.migrate("app", List.of()));
        assertTrue(tableExists(db, "platform_schema_history"));
        assertEquals(List.of(), history("app"));
    }

    @Test
    void refusesAScriptChangedAfterItWasApplied() throws Exception {
        migrator.migrate("app", List.of(v(1, "CREATE TABLE t (id int);\n")));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> migrator.migrate("app", List.of(v(1, "CREATE TABLE t (id bigint);\n"),
                        v(2, "CREATE TABLE later (id int)"))));
        assertTrue(e.getMessage().contains("V1") && e.getMessage().contains("checksum"), e.getMessage());
        assertFalse(tableExists(db, "later"), "nothing after a changed script is applied");

        // Only the line endings changed (a checkout on Windows): that is the same script.
        assertEquals(0, migrator.migrate("app", List.of(v(1, "CREATE TABLE t (id int);\r\n"))));
    }

    @Test
    void refusesTwoScriptsWithTheSameVersion() throws Exception {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> migrator.migrate("app",
                List.of(v(1, "CREATE TABLE a (id int)"), new Migration(1, "other", "CREATE TABLE b (id int)"))));
        assertTrue(e.getMessage().contains("version 1"), e.getMessage());
        assertFalse(tableExists(db, "a"));
        assertFalse(tableExists(db, "b"));
    }

    @Test
    void aFailingScriptIsRolledBackCompletelyAndNotRecorded() throws Exception {
        List<Migration> scripts = List.of(
                v(1, "CREATE TABLE kept (id int)"),
                v(2, "CREATE TABLE half (id int); INSERT INTO half VALUES (1); INSERT INTO kept VALUES (2);"
                        + " SELECT 1 / 0;"),
                v(3, "CREATE TABLE never (id int)"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> migrator.migrate("app", scripts));
        assertTrue(e.getMessage().contains("V2"), e.getMessage());
        assertTrue(e.getMessage().contains("division by zero"), e.getMessage());

        assertTrue(tableExists(db, "kept"), "V1 was committed on its own");
        assertEquals(List.of("0"), column(db, "SELECT count(*) FROM kept"));
        assertFalse(tableExists(db, "half"), "nothing of V2 stays");
        assertFalse(tableExists(db, "never"), "V3 is not attempted after V2 failed");
        assertEquals(List.of("1:step 1"), history("app"));

        // Fixed script: the next start applies V2 and V3.
        List<Migration> fixed = List.of(scripts.get(0), v(2, "CREATE TABLE half (id int)"), scripts.get(2));
        assertEquals(2, migrator.migrate("app", fixed));
        assertTrue(tableExists(db, "half"));
        assertTrue(tableExists(db, "never"));
    }

    @Test
    void ownersAreIndependent() throws Exception {
        assertEquals(1, migrator.migrate("alpha", List.of(v(1, "CREATE TABLE alpha_t (id int)"))));
        // Same version number, other owner: applied, not mistaken for alpha's V1 (whose checksum differs).
        assertEquals(2, migrator.migrate("beta", List.of(v(1, "CREATE TABLE beta_t (id int)"),
                v(2, "CREATE TABLE beta_u (id int)"))));
        assertEquals(0, migrator.migrate("alpha", List.of(v(1, "CREATE TABLE alpha_t (id int)"))));

        assertEquals(List.of("1:step 1"), history("alpha"));
        assertEquals(List.of("1:step 1", "2:step 2"), history("beta"));
        assertTrue(tableExists(db, "alpha_t") && tableExists(db, "beta_t") && tableExists(db, "beta_u"));
    }

    @Test
    void concurrentMigrationsApplyEachScriptOnce() throws Exception {
        // V1 is slow, so without the advisory lock both threads would run it and the loser would fail.
        List<Migration> scripts = List.of(
                v(1, "CREATE TABLE once (id serial PRIMARY KEY, who text); SELECT pg_sleep(0.5);"),
                v(2, "INSERT INTO once (who) VALUES (current_setting('application_name'))"));
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    Migrator own = new Migrator(db);
                    together.await(5, TimeUnit.SECONDS);
                    return own.migrate("app", scripts);
                }));
            }
            int applied = 0;
            List<Integer> counts = new ArrayList<>();
            for (Future<Integer> run : runs) {
                int count = run.get(15, TimeUnit.SECONDS);
                counts.add(count);
                applied += count;
            }
            assertEquals(2, applied, "each script applied exactly once: " + counts);
            assertTrue(counts.contains(0) && counts.contains(2), "one thread did all, the other waited: " + counts);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("1"), column(db, "SELECT count(*) FROM once"));
        assertEquals(2, history("app").size());
    }
}
