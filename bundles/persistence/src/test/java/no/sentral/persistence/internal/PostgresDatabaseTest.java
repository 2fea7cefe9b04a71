package no.sentral.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.sql.DataSource;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The platform's own migration script on a real PostgreSQL. */
class PostgresDatabaseTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @Test
    void outsideOsgiTheRealDatabaseCannotFindItsScripts() throws Exception {
        DataSource db = postgres.freshDatabase();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PostgresDatabase(db));
        assertTrue(e.getMessage().contains("not loaded from a bundle"), e.getMessage());
    }

    @Test
    void platformScriptsApplyOnceAndCreateTheirTables() throws Exception {
        DataSource db = postgres.freshDatabase();
        java.util.List<Migration> scripts = TestPostgres.platformScripts();
        assertEquals(2, scripts.size());
        assertEquals(2, new Migrator(db).migrate("platform", scripts));
        assertEquals(0, new Migrator(db).migrate("platform", scripts));
        for (String table : new String[] {"platform_tenant", "platform_account", "platform_api_token",
                "platform_audit_log", "platform_event_consumed", "platform_event_outbox"}) {
            assertTrue(TestPostgres.tableExists(db, table), table);
        }
    }

    @Test
    void tenantIdsAreCheckedByTheDatabaseToo() throws Exception {
        DataSource db = postgres.freshDatabase();
        new Migrator(db).migrate("platform", TestPostgres.platformScripts());
        TestPostgres.execute(db, "INSERT INTO platform_tenant (id, name) VALUES ('acme-1', 'Acme')");
        for (String bad : new String[] {"A", "Acme", "-acme", "acme_1", "x"}) {
            java.sql.SQLException e = assertThrows(java.sql.SQLException.class, () -> TestPostgres.execute(db,
                    "INSERT INTO platform_tenant (id, name) VALUES ('" + bad + "', 'Bad')"), bad);
            assertEquals("23514", e.getSQLState(), bad + ": check constraint");
        }
    }
}
