package no.sentral.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import no.sentral.api.event.CloudEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead letters given back to the one consumer that gave up on them, or discarded, on a real broker. */
class DeadLettersTest {

    private static final String ADDRESS = "sentral.call.ended";

    @TempDir
    Path brokerDir;

    private TestBroker broker;
    private EventConsumer billing;
    private EventConsumer archive;
    private final List<CloudEvent> billed = new CopyOnWriteArrayList<>();
    private final List<CloudEvent> archived = new CopyOnWriteArrayList<>();
    private final AtomicBoolean billingBroken = new AtomicBoolean(true);

    @BeforeEach
    void start() throws Exception {
        broker = TestBroker.start(brokerDir);
        MemoryConsumedEvents consumed = new MemoryConsumedEvents();
        billing = new EventConsumer(broker.factory, new ConsumerSettings(ADDRESS, "billing", 1, 2, 0, true), consumed,
                (event, tx) -> {
                    if (billingBroken.get()) {
                        throw new IllegalStateException("billing system down");
                    }
                    billed.add(event);
                });
        archive = new EventConsumer(broker.factory, new ConsumerSettings(ADDRESS, "archive", 1, 2, 0, true), consumed,
                (event, tx) -> archived.add(event));
        billing.start();
        archive.start();
    }

    @AfterEach
    void stop() throws Exception {
        billing.close();
        archive.close();
        broker.close();
    }

    private CloudEvent deadLetter(String subject) throws Exception {
        CloudEvent event = TestBroker.event(ADDRESS, "acme", subject, "{}");
        broker.publish(event);
        await(() -> DeadLetters.browse(broker.factory, 10).stream().anyMatch(d -> d.eventId().equals(event.id())));
        await(() -> archived.contains(event));
        return event;
    }

    @Test
    void aRetriedEventGoesBackToItsConsumerOnly() throws Exception {
        CloudEvent event = deadLetter("c1");
        billingBroken.set(false);

        assertTrue(DeadLetters.take(broker.factory, event.id(), true));

        await(() -> billed.contains(event));
        assertEquals(List.of(), DeadLetters.browse(broker.factory, 10));
        Thread.sleep(500);
        assertEquals(1, archived.stream().filter(event::equals).count(), "the archive got it once, as before");
        assertFalse(DeadLetters.take(broker.factory, event.id(), true), "gone from the DLQ");
    }

    @Test
    void aDiscardedEventIsGoneAndOthersStay() throws Exception {
        CloudEvent discarded = deadLetter("c1");
        CloudEvent kept = deadLetter("c2");

        assertTrue(DeadLetters.take(broker.factory, discarded.id(), false));

        assertEquals(List.of(kept.id()), DeadLetters.browse(broker.factory, 10).stream()
                .map(d -> d.eventId()).toList());
        assertFalse(DeadLetters.take(broker.factory, "no-such-event", false));
        assertFalse(DeadLetters.take(broker.factory, "x' OR '1'='1", false), "the id is a value, not a selector");
        assertEquals(1, DeadLetters.browse(broker.factory, 10).size());
        assertTrue(billed.isEmpty());
    }

    private static void await(Check condition) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }
}
