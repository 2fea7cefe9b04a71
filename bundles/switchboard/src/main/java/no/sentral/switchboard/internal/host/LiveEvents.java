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
 * off the engine's threads, many per broker transaction. They describe the present and the next one
 * supersedes them, so under overload the oldest are dropped (and counted) rather than slowing calls.
 * Ended calls do not go here: their CDR and event commit together through the outbox.
 */
final class LiveEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    private static final int BATCH = 1000;

    private final EventPublisher publisher;
    /** An event waiting to go, with when the signal that caused it arrived (0 when none did). */
    private record Pending(EventPublisher.Draft draft, long signalNanos) {
    }

    private final BlockingQueue<Pending> queue;
    private final Latencies latencies;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean running = true;

    LiveEvents(EventPublisher publisher, int capacity, Latencies latencies) {
        this.publisher = publisher;
        this.latencies = latencies;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::loop, "sentral-switchboard-events");
        thread.setDaemon(true);
        thread.start();
    }

    void publish(EventAddress address, String tenant, String subject, Object data) {
        publish(address, tenant, subject, data, 0);
    }

    /** Publishes an event caused by a signal that arrived at {@code signalNanos}: its latency is recorded once sent. */
    void publish(EventAddress address, String tenant, String subject, Object data, long signalNanos) {
        Pending pending = new Pending(new EventPublisher.Draft(address, tenant, subject, data), signalNanos);
        while (!queue.offer(pending)) {
            if (queue.poll() != null && dropped.incrementAndGet() % 10_000 == 1) {
                LOG.warn("live switchboard events are published slower than they happen; {} dropped so far", dropped.get());
            }
        }
    }

    long published() {
        return published.get();
    }

    long dropped() {
        return dropped.get();
    }

    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5000);
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
