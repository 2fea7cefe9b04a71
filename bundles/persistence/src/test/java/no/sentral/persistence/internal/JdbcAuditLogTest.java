package no.sentral.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import no.sentral.api.audit.AuditEntry;
import no.sentral.api.audit.AuditQuery;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcAuditLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private DataSource db;
    private JdbcAuditLog audit;

    @BeforeEach
    void migratedDatabase() throws Exception {
        db = postgres.freshDatabase();
        audit = new JdbcAuditLog(new ClasspathDatabase(db));
    }

    private static AuditQuery forTenant(String tenant) {
        return new AuditQuery(tenant, null, null, null, null, null, 100);
    }

    @Test
    void appendAssignsSequenceAndTimeAndKeepsBeforeAndAfter() throws Exception {
        Instant before = Instant.now().minusSeconds(5);
        AuditEntry created = audit.append("acme", "alice", "employee", "e-1", "created", null,
                "{\"name\": \"Kari\", \"ext\": 101}");
        AuditEntry changed = audit.append("acme", "bob", "employee", "e-1", "updated",
                "{\"name\": \"Kari\", \"ext\": 101}", "{\"name\": \"Kari\", \"ext\": 102}");

        assertTrue(changed.seq() > created.seq());
        assertTrue(created.at().isAfter(before) && created.at().isBefore(Instant.now().plusSeconds(5)));
        assertEquals("acme", created.tenant());
        assertEquals("alice", created.actor());
        assertEquals("employee", created.entityType());
        assertEquals("e-1", created.entityId());
        assertEquals("created", created.action());
        assertNull(created.before());
        assertEquals(JSON.readTree("{\"name\":\"Kari\",\"ext\":101}"), JSON.readTree(created.after()));
        assertEquals(JSON.readTree("{\"name\":\"Kari\",\"ext\":102}"), JSON.readTree(changed.after()));

        assertEquals(List.of(created, changed), audit.query(forTenant("acme")));
    }

    @Test
    void queryIsPerTenantAndFilters() throws Exception {
        AuditEntry a1 = audit.append("acme", "alice", "employee", "e-1", "created", null, "{}");
        AuditEntry a2 = audit.append("acme", "bob", "employee", "e-2", "created", null, "{}");
        AuditEntry a3 = audit.append("acme", "alice", "department", "d-1", "created", null, "{}");
        AuditEntry g1 = audit.append("globex", "alice", "employee", "e-1", "created", null, "{}");

        assertEquals(List.of(a1, a2, a3), audit.query(forTenant("acme")));
        assertEquals(List.of(g1), audit.query(forTenant("globex")));
        assertEquals(List.of(), audit.query(forTenant("initech")));

        assertEquals(List.of(a1, a2), audit.query(new AuditQuery("acme", "employee", null, null, null, null, 100)));
        assertEquals(List.of(a2), audit.query(new AuditQuery("acme", "employee", "e-2", null, null, null, 100)));
        assertEquals(List.of(a1, a3), audit.query(new AuditQuery("acme", null, null, "alice", null, null, 100)));
        assertEquals(List.of(a1, a2), audit.query(new AuditQuery("acme", null, null, null, null, null, 2)));
    }

    @Test
    void queryByTimeIsFromInclusiveToExclusive() throws Exception {
        AuditEntry first = audit.append("acme", "alice", "employee", "e-1", "created", null, null);
        Thread.sleep(20);
        AuditEntry second = audit.append("acme", "alice", "employee", "e-1", "updated", null, null);

        assertEquals(List.of(first, second), audit.query(
                new AuditQuery("acme", null, null, null, first.at(), second.at().plusMillis(1), 100)));
        assertEquals(List.of(first), audit.query(
                new AuditQuery("acme", null, null, null, first.at(), second.at(), 100)));
        assertEquals(List.of(second), audit.query(
                new AuditQuery("acme", null, null, null, second.at(), null, 100)));
        assertEquals(List.of(), audit.query(new AuditQuery("acme", null, null, null,
                Instant.now().plus(Duration.ofHours(1)), null, 100)));
    }

    @Test
    void appendRefusesMissingFieldsAndInvalidJson() {
        assertThrows(IllegalArgumentException.class, () -> audit.append(" ", "a", "t", "1", "x", null, null));
        assertThrows(IllegalArgumentException.class, () -> audit.append("acme", null, "t", "1", "x", null, null));
        assertThrows(IllegalArgumentException.class, () -> audit.append("acme", "a", "", "1", "x", null, null));
        assertThrows(IllegalArgumentException.class, () -> audit.append("acme", "a", "t", null, "x", null, null));
        assertThrows(IllegalArgumentException.class, () -> audit.append("acme", "a", "t", "1", null, null, null));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> audit.append("acme", "a", "t", "1", "x", "{not json", null));
        assertTrue(e.getMessage().startsWith("could not write the audit log"), e.getMessage());
        assertEquals(List.of(), audit.query(forTenant("acme")));
    }

    @Test
    void theTableRefusesUpdateDeleteAndTruncate() throws Exception {
        AuditEntry entry = audit.append("acme", "mallory", "employee", "e-1", "deleted", "{}", null);
        for (String sql : List.of(
                "UPDATE platform_audit_log SET actor = 'someone-else'",
                "DELETE FROM platform_audit_log WHERE seq = " + entry.seq(),
                "TRUNCATE platform_audit_log")) {
            SQLException e = assertThrows(SQLException.class, () -> TestPostgres.execute(db, sql), sql);
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
        assertEquals(List.of(entry), audit.query(forTenant("acme")));
    }
}
