package no.sentral.switchboard.internal.host;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the switchboard's live events (call state, statistics, wait colours, alerts, phone status)
 * off the engine's threads, many per broker transaction, on a few publisher threads. Each company's
 * events always go through the same thread, so they keep their order. Every event is published while
 * the publishers keep up (fewer than {@code capacity} waiting). Beyond that, events describe the
 * present and the next one of the same call, figure or phone supersedes them: a new event then replaces
 * the one of its call (or view) still waiting, and is counted as coalesced. So the backlog is bounded by
 * the capacity plus the number of live calls and views, the latest state of each always arrives, calls
 * are never slowed, and the events that remain keep the order they happened in. Ended calls do not go
 * here: their CDR and event commit together through the outbox.
 */
final class LiveEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
    private static final int BATCH = 1000;

    /** What an event is the state of: the next event with the same key supersedes it. */
    private record Key(EventAddress address, String tenant, String subject) {
    }

    /** An event waiting to go, with when the signal that caused it arrived (0 when none did). */
    private record Pending(Key key, EventPublisher.Draft draft, long signalNanos) {
    }

    private final EventPublisher publisher;
    private final Latencies latencies;
    private final List<Partition> partitions = new ArrayList<>();
    private final AtomicLong coalesced = new AtomicLong();
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
                .add(new Pending(new Key(address, tenant, subject), new EventPublisher.Draft(address, tenant, subject, data),
                        signalNanos));
    }

    long published() {
        return published.get();
    }

    /** Events superseded by a later one of the same call or view before they could be published. */
    long coalesced() {
        return coalesced.get();
    }

    void stop() throws InterruptedException {
        running = false;
        for (Partition p : partitions) {
            p.thread.interrupt();
            p.thread.join(5000);
        }
    }

    /** One publisher thread and the events waiting for it, in the order they happened. */
    private final class Partition {
        private final int capacity;
        private final Thread thread;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition waiting = lock.newCondition();
        /** The events waiting, by arrival number: insertion order is the order they happened in. */
        private LinkedHashMap<Long, Pending> queue = new LinkedHashMap<>();
        /** Per key, the arrival number of its latest event waiting. */
        private Map<Key, Long> latest = new HashMap<>();
        private long arrivals;

        Partition(int index, int capacity) {
            this.capacity = capacity;
            this.thread = new Thread(this::loop, "sentral-switchboard-events-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void add(Pending pending) {
            lock.lock();
            try {
                long arrival = arrivals++;
                Long previous = latest.put(pending.key(), arrival);
                if (previous != null && queue.size() >= capacity) {
                    supersede(previous, pending, arrival);
                } else {
                    queue.put(arrival, pending);
                }
                if (queue.size() == 1) {
                    waiting.signal();
                }
            } finally {
                lock.unlock();
            }
        }

        /** Over capacity: the new event replaces the waiting one of its key and goes last, after what happened before it. */
        private void supersede(long previous, Pending pending, long arrival) {
            Pending old = queue.remove(previous);
            // The earliest signal is kept: the latency is that of the oldest change the event carries.
            long signal = old.signalNanos() == 0 ? pending.signalNanos()
                    : pending.signalNanos() == 0 ? old.signalNanos() : Math.min(old.signalNanos(), pending.signalNanos());
            queue.put(arrival, new Pending(pending.key(), pending.draft(), signal));
            if (coalesced.incrementAndGet() % 10_000 == 1) {
                LOG.warn("live switchboard events are published slower than they happen; {} coalesced so far"
                        + " (each call and view still gets its latest state)", coalesced.get());
            }
        }

        /** Everything waiting, taken at once: what waits longest is never overtaken by later changes. */
        private List<Pending> takeAll() throws InterruptedException {
            lock.lock();
            try {
                while (queue.isEmpty()) {
                    if (!waiting.await(1, TimeUnit.SECONDS) && !running) {
                        return List.of();
                    }
                }
                List<Pending> all = new ArrayList<>(queue.values());
                queue = new LinkedHashMap<>();
                latest = new HashMap<>();
                return all;
            } finally {
                lock.unlock();
            }
        }

        private void loop() {
            while (running) {
                try {
                    List<Pending> all = takeAll();
                    for (Iterator<Pending> it = all.iterator(); it.hasNext(); ) {
                        List<Pending> batch = new ArrayList<>(BATCH);
                        while (it.hasNext() && batch.size() < BATCH) {
                            batch.add(it.next());
                        }
                        send(batch);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        private void send(List<Pending> batch) {
            try {
                publisher.publishBatch(batch.stream().map(Pending::draft).toList());
                long sent = System.nanoTime();
                batch.stream().filter(p -> p.signalNanos() != 0).forEach(p -> latencies.record(sent - p.signalNanos()));
                published.addAndGet(batch.size());
            } catch (RuntimeException e) {
                LOG.warn("publishing live switchboard events failed: {}", e.toString());
            }
        }
    }
}
