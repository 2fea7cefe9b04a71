package no.sentral.events.internal;

import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ConsumedEvents} in memory, with the same contract as the JDBC one: recorded only when the work succeeded. */
final class MemoryConsumedEvents implements ConsumedEvents {

    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    @Override
    public boolean once(String consumer, String eventId, Callable<Void> work) throws Exception {
        String key = consumer + "/" + eventId;
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            if (done.contains(key)) {
                return false;
            }
            work.call();
            done.add(key);
            return true;
        }
    }

    boolean contains(String consumer, String eventId) {
        return done.contains(consumer + "/" + eventId);
    }
}
