package no.sentral.simulator.internal.model;

import java.util.Comparator;
import java.util.PriorityQueue;

/** Runs tasks by virtual time, in due order, on the test's thread. */
final class VirtualScheduler implements Scheduler {

    private static final class Entry implements Task {
        final long at;
        final long seq;
        final Runnable action;
        boolean cancelled;

        Entry(long at, long seq, Runnable action) {
            this.at = at;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(
            Comparator.comparingLong((Entry e) -> e.at).thenComparingLong(e -> e.seq));
    private long now;
    private long seq;

    long now() {
        return now;
    }

    @Override
    public Task schedule(long delayMillis, Runnable action) {
        Entry e = new Entry(now + delayMillis, seq++, action);
        queue.add(e);
        return e;
    }

    /** Runs everything due up to {@code at}, including what those tasks schedule, and moves time there. */
    void runUntil(long at) {
        Entry e;
        while ((e = queue.peek()) != null && e.at <= at) {
            queue.poll();
            now = e.at;
            if (!e.cancelled) {
                e.action.run();
            }
        }
        now = at;
    }

    void runFor(long millis) {
        runUntil(now + millis);
    }
}
