package no.sentral.simulator.internal.model;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Scheduler} on a {@link ScheduledExecutorService}, which must have exactly one thread: the
 * simulator keeps its state unsynchronised on that thread. With many calls most timers are cancelled,
 * so a {@code ScheduledThreadPoolExecutor} should remove cancelled tasks ({@code setRemoveOnCancelPolicy}).
 */
public final class ExecutorScheduler implements Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScheduler.class);

    private final ScheduledExecutorService executor;

    public ExecutorScheduler(ScheduledExecutorService executor) {
        this.executor = executor;
    }

    @Override
    public Task schedule(long delayMillis, Runnable action) {
        // The executor would keep a task's exception in its future, where nobody looks.
        ScheduledFuture<?> future = executor.schedule(() -> {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("call simulator task failed", e);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }
}
