package no.sentral.events.internal;

import static no.sentral.events.internal.TestBroker.event;
import static no.sentral.persistence.internal.testing.TestPostgres.column;
import static no.sentral.persistence.internal.testing.TestPostgres.execute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.sql.DataSource;
import no.sentral.api.event.CloudEvent;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §7: batched consumers on the real broker and a real PostgreSQL. The handler writes a ledger row
 * on the batch's connection and publishes a follow-up event; each is applied exactly once, a poison event
 * goes to the DLQ without holding the others, and each tenant's events keep their order.
 */
@Timeout(60)
class BatchedConsumerTest {

    private static final String ADDRESS = "sentral.call.ended";
    private static final String BILLED = "sentral.call.billed";

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @TempDir
    Path brokerDir;

    private TestBroker broker;
    private DataSource db;
    private JdbcConsumedEvents consumed;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(brokerDir);
        db = postgres.freshDatabase();
        consumed = JdbcConsumedEvents.migrated(new ClasspathDatabase(db));
        execute(db, "CREATE TABLE ledger (seq bigserial, event_id text, tenant text, subject text, tx bigint)");
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
        broker.close();
    }

    /** Writes a ledger row in the batch's transaction and publishes the call as billed. */
    private static void bill(CloudEvent event, EventTransaction tx) throws Exception {
        Connection c = tx.connection();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ledger (event_id, tenant, subject, tx) VALUES (?, ?, ?, txid_current())")) {
            ps.setString(1, event.id());
            ps.setString(2, event.tenant());
            ps.setString(3, event.subject());
            ps.executeUpdate();
        }
        assertTrue(tx.publish(event(BILLED, event.tenant(), event.subject(), null)));
    }

    private EventConsumer consumer(ConsumedEvents records, EventHandler handler, int concurrency) throws Exception {
        return consumer(records, handler, concurrency, true);
    }

    private EventConsumer consumer(ConsumedEvents records, EventHandler handler, int concurrency, boolean idempotent)
            throws Exception {
        EventConsumer consumer = new EventConsumer(broker.factory,
                new ConsumerSettings(ADDRESS, "billing", concurrency, 3, 0, idempotent, 100, 50), records, handler);
        closeables.add(consumer);
        consumer.start();
        return consumer;
    }

    /** Creates the durable queue and stops consuming, so that what is published next waits and comes in batches. */
    private void subscribeStopped() throws Exception {
        EventConsumer consumer = consumer(consumed, (e, tx) -> fail("nothing published yet"), 1);
        consumer.close();
    }

    private MessageConsumer billedSink() throws Exception {
        javax.jms.Connection connection = broker.factory.createConnection();
        closeables.add(connection);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer sink = session.createConsumer(session.createTopic(BILLED));
        connection.start();
        return sink;
    }

    private static List<String> received(MessageConsumer sink, int atLeast) throws Exception {
        List<String> subjects = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            Message m = sink.receive(subjects.size() < atLeast ? 1_000 : 500);
            if (m == null) {
                if (subjects.size() >= atLeast) {
                    break;
                }
                continue;
            }
            subjects.add(decode(m).subject());
        }
        return subjects;
    }

    private static CloudEvent decode(Message m) throws Exception {
        return no.sentral.api.event.CloudEventJson.decode(((javax.jms.TextMessage) m).getText());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private int ledgerRows() {
        try {
            return Integer.parseInt(column(db, "SELECT count(*) FROM ledger").get(0));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The process "dies" between the database's commit and the broker's (the commit of the first batch
     * throws after the database committed): the batch comes again, its events are duplicates, and what they
     * published is sent again. Ledger rows and billed events: each exactly once.
     */
    @Test
    void aCrashBetweenTheDatabaseCommitAndTheBrokersAppliesTheBatchExactlyOnce() throws Exception {
        subscribeStopped();
        MessageConsumer sink = billedSink();
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            subjects.add("call-" + i);
            broker.publish(event(ADDRESS, "acme", "call-" + i, "{}"));
        }
        AtomicInteger crashes = new AtomicInteger();
        ConsumedEvents crashingOnce = consumer -> {
            ConsumedEvents.Batch real = consumed.begin(consumer);
            return new ConsumedEvents.Batch() {
                public Connection connection() {
                    return real.connection();
                }

                public Set<String> record(List<String> ids) throws Exception {
                    return real.record(ids);
                }

                public Map<String, List<String>> publishedBy(Collection<String> ids) throws Exception {
                    return real.publishedBy(ids);
                }

                public void published(Map<String, List<String>> events) throws Exception {
                    real.published(events);
                }

                public void commit() throws Exception {
                    real.commit();
                    if (crashes.getAndIncrement() == 0) {
                        throw new IllegalStateException("crash after the database commit, before the broker's");
                    }
                }

                public void close() throws Exception {
                    real.close();
                }
            };
        };
        AtomicInteger handled = new AtomicInteger();
        consumer(crashingOnce, (e, tx) -> {
            handled.incrementAndGet();
            bill(e, tx);
        }, 1);

        await("40 ledger rows", () -> ledgerRows() >= 40);
        List<String> billed = received(sink, 40);
        await("the queue to be empty", () -> broker.waiting(ADDRESS, "billing") == 0);
        assertEquals(subjects, column(db, "SELECT subject FROM ledger ORDER BY seq"), "each once, in order");
        assertEquals(subjects, billed, "each billed event once, in order: the re-sent ones the broker had were dropped");
        assertTrue(crashes.get() > 1, "the crash happened and later batches committed");
        assertEquals(40, handled.get(), "the duplicates were not handled again");
        assertTrue(Integer.parseInt(column(db, "SELECT count(DISTINCT tx) FROM ledger").get(0)) < 40,
                "events shared transactions");
    }

    /**
     * A relay whose only effect is the events it publishes needs no records (idempotent=false): receipt and
     * publishing commit in one broker transaction. Its process "dies" in the middle of a batch, after it has
     * relayed part of it (the consumer's connection closes while a handler is still at work): the broker rolls
     * the whole batch back, and the next consumer relays every event once, in order.
     */
    @Test
    void aBrokerOnlyRelayThatDiesInTheMiddleOfABatchRelaysEachEventOnce() throws Exception {
        subscribeStopped();
        MessageConsumer sink = billedSink();
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            subjects.add("call-" + i);
            broker.publish(event(ADDRESS, "acme", "call-" + i, "{}"));
        }
        java.util.concurrent.CountDownLatch dying = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch dead = new java.util.concurrent.CountDownLatch(1);
        EventConsumer doomed = consumer(consumed, (e, tx) -> {
            assertTrue(tx.publish(event(BILLED, e.tenant(), e.subject(), null)));
            if (e.subject().equals("call-25")) {
                dying.countDown();
                dead.await();
            }
        }, 1, false);
        assertTrue(dying.await(20, java.util.concurrent.TimeUnit.SECONDS), "the relay reached call-25");
        doomed.close();
        dead.countDown();

        AtomicInteger handled = new AtomicInteger();
        consumer(consumed, (e, tx) -> {
            handled.incrementAndGet();
            assertTrue(tx.publish(event(BILLED, e.tenant(), e.subject(), null)));
        }, 1, false);
        List<String> billed = received(sink, 40);
        await("the queue to be empty", () -> broker.waiting(ADDRESS, "billing") == 0);
        assertEquals(subjects, billed, "each relayed once, in order: what the dead batch had published went with it");
        assertEquals(40, handled.get(), "the whole batch came again");
    }

    /**
     * One poison event among 60 of two tenants, two sessions: it is split out of its batch and goes to the DLQ
     * after maxAttempts; every other event is applied once; each tenant's order is kept.
     */
    @Test
    void aPoisonEventIsSplitOutOfItsBatchAndEachTenantKeepsItsOrder() throws Exception {
        subscribeStopped();
        MessageConsumer sink = billedSink();
        Map<String, List<String>> expected = Map.of("acme", new ArrayList<>(), "globex", new ArrayList<>());
        for (int i = 0; i < 60; i++) {
            String tenant = i % 3 == 0 ? "globex" : "acme";
            String subject = i == 17 ? "poison" : tenant + "-" + i;
            if (i != 17) {
                expected.get(tenant).add(subject);
            }
            broker.publish(event(ADDRESS, tenant, subject, "{}"));
        }
        AtomicInteger poisonAttempts = new AtomicInteger();
        consumer(consumed, (e, tx) -> {
            if ("poison".equals(e.subject())) {
                poisonAttempts.incrementAndGet();
                throw new IllegalStateException("tariff missing");
            }
            bill(e, tx);
        }, 2);

        await("59 ledger rows", () -> ledgerRows() >= 59);
        await("the dead letter", () -> {
            try {
                return broker.deadLetters().size() == 1;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> billed = received(sink, 59);
        assertEquals(3, poisonAttempts.get(), "exactly maxAttempts");
        Message dead = broker.deadLetters().get(0);
        assertTrue(dead.getStringProperty(EventDestinations.PROP_REASON).contains("tariff missing"));
        assertEquals(3, dead.getIntProperty(EventDestinations.PROP_ATTEMPTS));
        for (String tenant : expected.keySet()) {
            assertEquals(expected.get(tenant), column(db, "SELECT subject FROM ledger WHERE tenant = '" + tenant
                    + "' ORDER BY seq"), tenant + ": each once, in order");
            assertEquals(expected.get(tenant), billed.stream().filter(s -> s.startsWith(tenant)).toList(),
                    tenant + ": billed once each, in order");
        }
        assertEquals(List.of("0"), column(db, "SELECT count(*) FROM platform_event_consumed WHERE event_id = '"
                + dead.getStringProperty(Broker.PROP_EVENT_ID) + "'"), "the dead letter is not recorded as consumed");
        await("the queue to be empty", () -> broker.waiting(ADDRESS, "billing") == 0);
    }
}
