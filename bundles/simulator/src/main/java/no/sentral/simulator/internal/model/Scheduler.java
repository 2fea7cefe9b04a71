package no.sentral.simulator.internal.model;

/**
 * Where the simulator's work runs and its only source of time: tasks run one at a time, in the order
 * they fall due (tasks due at the same moment in the order they were scheduled). Production wraps a
 * one-thread executor ({@link ExecutorScheduler}); tests run tasks by virtual time, without threads.
 */
public interface Scheduler {

    /** Runs {@code action} once, {@code delayMillis} from now. */
    Task schedule(long delayMillis, Runnable action);

    /** A scheduled action; cancelling one that has run or is running does nothing. */
    interface Task {
        void cancel();
    }
}
