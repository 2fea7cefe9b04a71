package no.sentral.switchboard.internal.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the switchboard's live events (call state, statistics, wait colours, alerts, phone status)
 * off the engine's threads, many per broker transaction, on a few publisher threads. Each company's
 * events always go through the same thread, so they keep their order. They describe the present and
 * the next one supersedes them, so under overload the oldest are dropped (and counted) rather than
 * slowing calls. Ended calls do not go here: their CDR and event commit together through the outbox.
 */
final class LiveEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    private static final int BATCH = 1000;

    /** An event waiting to go, with when the signal that caused it arrived (0 when none did). */
    private record Pending(EventPublisher.Draft draft, long signalNanos) {
    }

    private final EventPublisher publisher;
    private final Latencies latencies;
    private final List<Partition> partitions = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running = true;

    LiveEvents(EventPublisher publisher, int capacity, int threads, Latencies latencies) {
        this.publisher = publisher;
        this.latencies = latencies;
        for (int i = 0; i < Math.max(1, threads); i++) {
            partitions.add(new Partition(i, Math.max(BATCH, capacity / Math.max(1, threads))));
        }
    }

    void publish(EventAddress address, String tenant, String subject, Object data) {
        publish(address, tenant, subject, data, 0);
    }

    /** Publishes an event caused by a signal that arrived at {@code signalNanos}: its latency is recorded once sent. */
    void publish(EventAddress address, String tenant, String subject, Object data, long signalNanos) {
        partitions.get(Math.floorMod(tenant.hashCode(), partitions.size()))
                .add(new Pending(new EventPublisher.Draft(address, tenant, subject, data), signalNanos));
    }

    long published() {
        return published.get();
    }

    long dropped() {
        return dropped.get();
    }

    void stop() throws InterruptedException {
        running = false;
        for (Partition p : partitions) {
            p.thread.interrupt();
            p.thread.join(5000);
        }
    }

    /** One publisher thread and its queue. */
    private final class Partition {
        private final BlockingQueue<Pending> queue;
        private final Thread thread;

        Partition(int index, int capacity) {
            this.queue = new ArrayBlockingQueue<>(capacity);
            this.thread = new Thread(this::loop, "sentral-switchboard-events-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void add(Pending pending) {
            while (!queue.offer(pending)) {
                if (queue.poll() != null && dropped.incrementAndGet() % 10_000 == 1) {
                    LOG.warn("live switchboard events are published slower than they happen; {} dropped so far",
                            dropped.get());
                }
            }
        }

        private void loop() {
            while (running) {
                try {
                    Pending first = queue.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    List<Pending> batch = new ArrayList<>(List.of(first));
                    queue.drainTo(batch, BATCH - 1);
                    publisher.publishBatch(batch.stream().map(Pending::draft).toList());
                    long sent = System.nanoTime();
                    batch.stream().filter(p -> p.signalNanos() != 0).forEach(p -> latencies.record(sent - p.signalNanos()));
                    published.addAndGet(batch.size());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("publishing live switchboard events failed: {}", e.toString());
                }
            }
        }
    }
}
