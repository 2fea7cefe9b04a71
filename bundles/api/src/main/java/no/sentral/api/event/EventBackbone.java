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
}
