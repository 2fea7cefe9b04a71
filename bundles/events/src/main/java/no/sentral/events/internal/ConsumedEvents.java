package no.sentral.events.internal;

import java.util.concurrent.Callable;

/** Remembers which events a consumer has handled, so a redelivered event is not handled twice. */
public interface ConsumedEvents {

    /**
     * Runs {@code work} unless {@code consumer} already handled {@code eventId}, and records the
     * event only if the work succeeds (the record commits right after it). Returns false when the
     * event was a duplicate.
     */
    boolean once(String consumer, String eventId, Callable<Void> work) throws Exception;
}
