package no.sentral.switchboard.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 §7 (PBX-02, SB-05): live events are never dropped while the publishers keep up; beyond that
 * they are coalesced per call and view, so the latest state of every call arrives, nothing is
 * reordered, and the counters add up. Several producer threads stand for the engine's shards (each
 * company on one), the publisher is the recording end of the broker.
 */
class LiveEventsTest {

    private static final EventAddress CHANGED = new EventAddress("call", "changed");
    private static final EventAddress STATS = new EventAddress("switchboard", "stats");
    private static final int SHARDS = 8;
    private static final int TENANTS_PER_SHARD = 2;
    private static final int CALLS = 25;
    private static final int CHANGES = 100;

    /** The state an event carries: {@code seq} numbers the events of a company in the order they happened. */
    record State(String tenant, String call, int version, long seq) {
    }

    /** Records what reaches the broker; waits at the gate before the first batch (a slow broker). */
    static final class Recording implements EventPublisher {
        final List<EventPublisher.Draft> sent = new ArrayList<>();
        final CountDownLatch gate;

        Recording(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void publishBatch(List<Draft> events) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            synchronized (sent) {
                sent.addAll(events);
            }
        }

        List<Draft> sent() {
            synchronized (sent) {
                return List.copyOf(sent);
            }
        }

        @Override
        public CloudEvent publish(EventAddress address, String tenant, String subject, Object data) {
            throw new UnsupportedOperationException("live events go in batches");
        }

        @Override
        public void publish(CloudEvent event) {
            throw new UnsupportedOperationException("live events go in batches");
        }

        @Override
        public void publishAll(List<CloudEvent> events) {
            throw new UnsupportedOperationException("live events go in batches");
        }
    }

    private LiveEvents live;

    @AfterEach
    void stop() throws InterruptedException {
        live.stop();
    }

    @Test
    void whileThePublishersKeepUpEveryEventArrivesInOrder() throws Exception {
        Recording broker = new Recording(new CountDownLatch(0));
        live = new LiveEvents(broker, 1_000_000, 3, new Latencies(1000));
        int produced = produce(live);
        awaitAll(live, produced);

        assertEquals(0, live.coalesced(), "nothing is coalesced below the capacity");
        assertEquals(produced, live.published());
        assertEquals(produced, broker.sent().size());
        Map<String, Long> lastSeq = new HashMap<>();
        for (EventPublisher.Draft d : broker.sent()) {
            State s = (State) d.data();
            assertEquals(lastSeq.getOrDefault(s.tenant(), -1L) + 1, s.seq(), "every event of " + s.tenant() + ", in order");
            lastSeq.put(s.tenant(), s.seq());
        }
    }

    @Test
    void aSlowBrokerGetsTheLatestStateOfEveryCallInOrderAndTheCountersAddUp() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Recording broker = new Recording(gate);
        live = new LiveEvents(broker, 3000, 3, new Latencies(1000));
        int produced = produce(live);
        gate.countDown();
        awaitAll(live, produced);

        List<EventPublisher.Draft> sent = broker.sent();
        assertThat(live.coalesced()).as("the broker was held, so events were coalesced").isPositive();
        assertEquals(produced, live.published() + live.coalesced(), "each event is either published or coalesced");
        assertEquals(live.published(), sent.size());
        // The broker held the first batch and then took the rest at once: two backlogs, each bounded.
        int keys = SHARDS * TENANTS_PER_SHARD * (CALLS + 1);
        assertThat(sent.size()).as("a backlog is bounded by the capacity plus one per call and view")
                .isLessThanOrEqualTo(2 * (3 * 1000 + keys));

        Map<String, Long> lastSeq = new HashMap<>();
        Map<String, Integer> lastVersion = new HashMap<>();
        for (EventPublisher.Draft d : sent) {
            State s = (State) d.data();
            assertThat(s.seq()).as("a company's events keep their order").isGreaterThan(lastSeq.getOrDefault(s.tenant(), -1L));
            lastSeq.put(s.tenant(), s.seq());
            String key = d.address() + "/" + s.tenant() + "/" + d.subject();
            assertThat(s.version()).as("a call's states keep their order").isGreaterThan(lastVersion.getOrDefault(key, -1));
            lastVersion.put(key, s.version());
        }
        for (int shard = 0; shard < SHARDS; shard++) {
            for (int t = 0; t < TENANTS_PER_SHARD; t++) {
                String tenant = "t" + shard + "-" + t;
                for (int c = 0; c < CALLS; c++) {
                    assertEquals(CHANGES - 1, lastVersion.get(CHANGED + "/" + tenant + "/c" + c),
                            "the latest state of call " + c + " of " + tenant + " arrived");
                }
                assertEquals(CHANGES * CALLS - 1, lastVersion.get(STATS + "/" + tenant + "/queue/q"),
                        "the latest figures of " + tenant + " arrived");
            }
        }
    }

    /** Each shard thread changes its companies' calls, each change followed by the queue's figures. */
    private static int produce(LiveEvents live) throws InterruptedException {
        List<Thread> shards = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            int index = shard;
            Thread thread = new Thread(() -> {
                long[] seq = new long[TENANTS_PER_SHARD];
                int[] figures = new int[TENANTS_PER_SHARD];
                for (int v = 0; v < CHANGES; v++) {
                    for (int c = 0; c < CALLS; c++) {
                        for (int t = 0; t < TENANTS_PER_SHARD; t++) {
                            String tenant = "t" + index + "-" + t;
                            live.publish(CHANGED, tenant, "c" + c, new State(tenant, "c" + c, v, seq[t]++), System.nanoTime());
                            live.publish(STATS, tenant, "queue/q", new State(tenant, "q", figures[t]++, seq[t]++));
                        }
                    }
                }
            });
            thread.start();
            shards.add(thread);
        }
        for (Thread t : shards) {
            t.join();
        }
        return SHARDS * TENANTS_PER_SHARD * CALLS * CHANGES * 2;
    }

    private static void awaitAll(LiveEvents live, int produced) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (live.published() + live.coalesced() < produced && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
