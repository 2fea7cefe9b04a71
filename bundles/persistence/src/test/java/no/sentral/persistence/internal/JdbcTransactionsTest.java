package no.sentral.persistence.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.spi.jdbc.Database;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcTransactionsTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private DataSource db;
    private Database database;
    private final AtomicInteger wakeUps = new AtomicInteger();
    private JdbcTransactions transactions;

    @BeforeEach
    void setUp() throws Exception {
        db = postgres.freshDatabase();
        database = new ClasspathDatabase(db);
        TestPostgres.execute(db, "CREATE TABLE thing (id text PRIMARY KEY)");
        transactions = new JdbcTransactions(database, wakeUps::incrementAndGet, Clock.systemUTC());
    }

    @Test
    void changeAuditAndEventCommitTogether() throws Exception {
        CloudEvent event = transactions.inTransaction("acme", "alice", tx -> {
            insertThing(tx.connection(), "t1");
            tx.audit("thing", "t1", "created", null, Map.of("id", "t1"));
            return tx.publish(EventAddress.parse("sentral.thing.created"), "t1", Map.of("id", "t1"));
        });
        assertEquals(List.of("t1"), TestPostgres.column(db, "SELECT id FROM thing"));
        assertEquals(List.of("alice created thing t1 {\"id\": \"t1\"}"), TestPostgres.column(db,
                "SELECT actor || ' ' || action || ' ' || entity_type || ' ' || entity_id || ' ' || after FROM platform_audit_log"));
        assertEquals(List.of(event.id()), TestPostgres.column(db, "SELECT id FROM platform_event_outbox"));
        assertEquals(1, wakeUps.get());
    }

    @Test
    void aSystemTransactionPublishesEachEventForItsOwnCompany() throws Exception {
        transactions.inTransaction(no.sentral.api.spi.jdbc.Transactions.SYSTEM, "writer", tx -> {
            tx.publishFor("acme", EventAddress.parse("sentral.thing.created"), "a", Map.of());
            tx.publishFor("initech", EventAddress.parse("sentral.thing.created"), "b", Map.of());
            return null;
        });
        assertEquals(List.of("acme a", "initech b"), TestPostgres.column(db,
                "SELECT tenant || ' ' || subject FROM platform_event_outbox ORDER BY seq"));
    }

    @Test
    void bulkAuditAndEventsKeepTheirOrder() throws Exception {
        Map<String, Object> created = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            created.put("t" + i, Map.of("n", i));
        }
        transactions.inTransaction("acme", "importer", tx -> {
            tx.auditCreated("thing", created);
            tx.publishAll(EventAddress.parse("sentral.thing.created"), created);
            return null;
        });
        assertEquals(List.of("t0", "t1", "t2", "t3", "t4"), TestPostgres.column(db,
                "SELECT entity_id FROM platform_audit_log WHERE action = 'created' AND actor = 'importer' ORDER BY seq"));
        assertEquals(List.of("t0", "t1", "t2", "t3", "t4"), TestPostgres.column(db,
                "SELECT subject FROM platform_event_outbox ORDER BY seq"));
        assertEquals(List.of("{\"n\":3}"), TestPostgres.column(db,
                "SELECT data FROM platform_event_outbox WHERE subject = 't3'"));
        assertEquals(1, wakeUps.get());
    }

    @Test
    void aFailureRollsBackTheChangeItsAuditAndItsEvents() throws Exception {
        assertThrows(IllegalStateException.class, () -> transactions.inTransaction("acme", "alice", tx -> {
            insertThing(tx.connection(), "t1");
            tx.audit("thing", "t1", "created", null, Map.of("id", "t1"));
            tx.publish(EventAddress.parse("sentral.thing.created"), "t1", null);
            insertThing(tx.connection(), "t1"); // duplicate key
            return null;
        }));
        for (String table : new String[] {"thing", "platform_audit_log", "platform_event_outbox"}) {
            assertEquals(List.of("0"), TestPostgres.column(db, "SELECT count(*) FROM " + table), table);
        }
        assertEquals(0, wakeUps.get());
    }

    @Test
    void theRelaySendsStagedEventsInOrderAndOnlyOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(transactions.inTransaction("acme", "alice",
                    tx -> tx.publish(EventAddress.parse("sentral.thing.created"), null, Map.of("n", 1))).id());
        }
        List<CloudEvent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        OutboxRelay relay = new OutboxRelay(database, sent::addAll);
        try {
            relay.drainBatch();
            relay.drainBatch();
        } finally {
            relay.stop();
        }
        assertEquals(ids, sent.stream().map(CloudEvent::id).toList());
        assertEquals(List.of("0"), TestPostgres.column(db, "SELECT count(*) FROM platform_event_outbox"));
        assertEquals("{\"n\":1}", sent.get(0).data());
    }

    @Test
    void anEventStagedEarlierButCommittedWhileTheRelaySendsIsNotLost() throws Exception {
        List<CloudEvent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        try (java.sql.Connection slow = db.getConnection()) {
            slow.setAutoCommit(false);
            try (PreparedStatement ps = slow.prepareStatement("INSERT INTO platform_event_outbox"
                    + " (id, type, tenant, time) VALUES ('slow', 'sentral.thing.created', 'acme', now())")) {
                ps.executeUpdate(); // takes the lower seq
            }
            String fast = transactions.inTransaction("acme", "alice",
                    tx -> tx.publish(EventAddress.parse("sentral.thing.created"), null, null)).id();
            // The slow transaction commits while the relay is sending what it read before.
            OutboxRelay relay = new OutboxRelay(database, events -> {
                sent.addAll(events);
                try {
                    if (!slow.getAutoCommit()) {
                        slow.commit();
                        slow.setAutoCommit(true);
                    }
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                relay.drainBatch();
                relay.drainBatch();
            } finally {
                relay.stop();
            }
            assertEquals(List.of(fast, "slow"), sent.stream().map(CloudEvent::id).toList());
        }
        assertEquals(List.of("0"), TestPostgres.column(db, "SELECT count(*) FROM platform_event_outbox"));
    }

    private static void insertThing(java.sql.Connection c, String id) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO thing VALUES (?)")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }
}
