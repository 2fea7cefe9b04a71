package no.sentral.switchboard.internal.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import no.sentral.switchboard.internal.engine.PendingCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's callback writes (PBX-05) on a thread of their own, so the engine's thread never waits
 * on the database: one thread, so a callback's save, updates and deletion apply in the order asked.
 * The outcome of a save goes to a consumer, which hands it back to the engine's thread.
 */
public final class CallbackWriter {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackWriter.class);
    /** Writes waiting beyond this (a database down for long) are refused: a save answers "not saved" at once. */
    static final int CAPACITY = 10_000;

    private final CallbackStore store;
    private final Clock clock;
    private final ThreadPoolExecutor thread;

    public CallbackWriter(CallbackStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(CAPACITY), r -> {
            Thread t = new Thread(r, "sentral-callback-writer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Saves a callback and then tells {@code saved} whether it is durable: false when the write failed or
     * could not be done by {@code deadline} (a statement stalled behind a lock is cancelled then).
     */
    public void save(PendingCallback callback, Instant deadline, Consumer<Boolean> saved) {
        try {
            thread.execute(() -> saved.accept(write(callback, deadline)));
        } catch (RejectedExecutionException full) {
            LOG.warn("callback of call {} not saved: {} writes waiting", callback.call(), thread.getQueue().size());
            saved.accept(false);
        }
    }

    private boolean write(PendingCallback callback, Instant deadline) {
        long millis = Duration.between(clock.instant(), deadline).toMillis();
        if (millis <= 0) {
            return false;
        }
        try {
            store.save(callback, (int) Math.max(1, millis / 1000));
            return true;
        } catch (RuntimeException e) {
            LOG.warn("callback of call {} not saved: {}", callback.call(), e.getMessage());
            return false;
        }
    }

    /** Saves a waiting callback's new attempt count, best effort. */
    public void update(PendingCallback callback) {
        submit("updating the callback of call " + callback.call(), () -> store.save(callback));
    }

    public void delete(String tenant, String call) {
        submit("deleting the callback of call " + call, () -> store.delete(tenant, call));
    }

    private void submit(String what, Runnable write) {
        try {
            thread.execute(() -> {
                try {
                    write.run();
                } catch (RuntimeException e) {
                    LOG.warn("{} failed: {}", what, e.getMessage());
                }
            });
        } catch (RejectedExecutionException full) {
            LOG.warn("{} dropped: the callback writer is stopped or full", what);
        }
    }

    /** Finishes the writes asked for, for up to {@code timeout}. */
    public void stop(Duration timeout) throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            thread.shutdownNow();
        }
    }
}
