package no.sentral.api.event;

import java.util.List;

/**
 * What operators see of the event backbone (shell, web console): the broker's Sentral queues with
 * their depth and consumers, and the events that consumers gave up on.
 */
public interface EventBackbone {

    /** One durable queue of an address: a consumer's subscription, or the DLQ. */
    record QueueInfo(String address, String queue, long depth, int consumers) {
    }

    /** An event a consumer gave up on, with the reason it gave. */
    record DeadLetter(String eventId, String type, String tenant, String consumer, int attempts, String reason) {
    }

    /**
     * The queues of the {@code sentral.*} addresses, by address and queue; empty when the broker is
     * not embedded (an external broker has its own console).
     */
    List<QueueInfo> queues();

    /** Up to {@code max} dead letters, oldest first, read without taking them off the DLQ. */
    List<DeadLetter> deadLetters(int max);

    /**
     * Gives a dead letter back to the consumer that gave up on it: it leaves the DLQ and goes to the end of
     * that consumer's queue (only that consumer's), in one broker transaction. False when the DLQ has no
     * event with that id (someone retried or discarded it already).
     */
    boolean retry(String eventId);

    /** Takes a dead letter off the DLQ for good; false when the DLQ has no event with that id. */
    boolean discard(String eventId);

    /** The last {@code max} events published on any {@code sentral.*} address, oldest first. */
    List<CloudEvent> recent(int max);
}
