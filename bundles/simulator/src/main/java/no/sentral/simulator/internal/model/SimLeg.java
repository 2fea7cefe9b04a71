package no.sentral.simulator.internal.model;

/**
 * One leg the simulator plays a party on, with the actions that party has pending (each null when
 * none). Touched only on the simulator's thread.
 */
final class SimLeg {

    final String tenant;
    final String id;
    /** The party who ends a talk: a caller that came in, or an outside number the engine rang. */
    final boolean callerSide;
    boolean up;
    /** A caller the simulator placed (not a leg the engine rang). */
    boolean arrived;
    /** The caller has heard the queue announcement and decided on a callback, once per call. */
    boolean decided;
    Scheduler.Task ring;
    Scheduler.Task key;
    Scheduler.Task patience;
    Scheduler.Task hangup;

    SimLeg(String tenant, String id, boolean callerSide) {
        this.tenant = tenant;
        this.id = id;
        this.callerSide = callerSide;
    }

    /** Someone talking neither waits for an agent nor presses keys. */
    void talking() {
        key = cancel(key);
        patience = cancel(patience);
    }

    void cancelAll() {
        ring = cancel(ring);
        key = cancel(key);
        patience = cancel(patience);
        hangup = cancel(hangup);
    }

    /** Cancels {@code task} if there is one; returns null for assigning to its field. */
    static Scheduler.Task cancel(Scheduler.Task task) {
        if (task != null) {
            task.cancel();
        }
        return null;
    }
}
