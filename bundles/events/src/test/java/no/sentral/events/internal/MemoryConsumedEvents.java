package no.sentral.events.internal;

import java.sql.Connection;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link ConsumedEvents} in memory, with the same contract as the JDBC one: recorded only when the batch
 * commits; batches run one at a time (a concurrent duplicate waits, as on the database's key); no connection.
 */
final class MemoryConsumedEvents implements ConsumedEvents {

    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> published = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    @Override
    public Batch begin(String consumer) {
        return new Batch() {
            private final Set<String> recorded = new HashSet<>();
            private final Map<String, List<String>> sent = new HashMap<>();
            private boolean open = true;

            {
                synchronized (lock) {
                    while (busy) {
                        waitQuietly();
                    }
                    busy = true;
                }
            }

            @Override
            public Connection connection() {
                return null;
            }

            @Override
            public Set<String> record(List<String> eventIds) {
                Set<String> fresh = new HashSet<>();
                for (String id : eventIds) {
                    if (!done.contains(consumer + "/" + id) && recorded.add(id)) {
                        fresh.add(id);
                    }
                }
                return fresh;
            }

            @Override
            public Map<String, List<String>> publishedBy(Collection<String> eventIds) {
                Map<String, List<String>> result = new HashMap<>();
                eventIds.forEach(id -> {
                    if (published.containsKey(consumer + "/" + id)) {
                        result.put(id, published.get(consumer + "/" + id));
                    }
                });
                return result;
            }

            @Override
            public void published(Map<String, List<String>> eventsById) {
                sent.putAll(eventsById);
            }

            @Override
            public void commit() {
                recorded.forEach(id -> done.add(consumer + "/" + id));
                sent.forEach((id, events) -> published.put(consumer + "/" + id, events));
            }

            @Override
            public void close() {
                if (open) {
                    open = false;
                    synchronized (lock) {
                        busy = false;
                        lock.notifyAll();
                    }
                }
            }
        };
    }

    private boolean busy;

    private void waitQuietly() {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean contains(String consumer, String eventId) {
        return done.contains(consumer + "/" + eventId);
    }
}
