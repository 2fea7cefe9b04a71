package no.sentral.switchboard.internal.engine;

import java.time.Instant;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The engine's timers: ring timeouts, menu timeouts, queue announcements, wrap-up. Single-threaded
 * like the engine; fired by {@link #fireDue} with the injected clock's time, so tests move time by hand.
 */
final class Timers {

    /** A pending timer; {@link #cancel} makes it a no-op (cheaper than removing it from the heap). */
    static final class Timer implements Comparable<Timer> {
        private final Instant at;
        private final long seq;
        private Runnable action;

        private Timer(Instant at, long seq, Runnable action) {
            this.at = at;
            this.seq = seq;
            this.action = action;
        }

        void cancel() {
            action = null;
        }

        @Override
        public int compareTo(Timer o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Timer> heap = new PriorityQueue<>();
    private long seq;
    /** While a timer runs, the time it was due: what it does happens then, however late the engine woke. */
    private Instant firing;

    Timer at(Instant at, Runnable action) {
        Timer t = new Timer(at, seq++, action);
        heap.add(t);
        return t;
    }

    /** Runs every timer due at {@code now}, including timers that those timers set for no later than now. */
    void fireDue(Instant now) {
        Timer t;
        while ((t = heap.peek()) != null && !t.at.isAfter(now)) {
            heap.poll();
            Runnable action = t.action;
            if (action != null) {
                t.action = null;
                firing = t.at;
                try {
                    action.run();
                } finally {
                    firing = null;
                }
            }
        }
    }

    /** The due time of the timer running now, or null outside timers. */
    Instant firing() {
        return firing;
    }

    Optional<Instant> next() {
        Timer t;
        while ((t = heap.peek()) != null && t.action == null) {
            heap.poll();
        }
        return Optional.ofNullable(t).map(x -> x.at);
    }

    static void cancel(Timer t) {
        if (t != null) {
            t.cancel();
        }
    }
}
