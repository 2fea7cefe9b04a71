package no.sentral.api.event;

import java.util.List;

/**
 * Publishes events to the backbone. Sends are persistent and synchronous: when a method returns,
 * the broker has the event on disk. Events of one tenant keep their order (message group = tenant).
 */
public interface EventPublisher {

    /**
     * Wraps {@code data} (serialised to JSON) in a new CloudEvent with a fresh id and the current
     * time, publishes it on {@code address} and returns it.
     */
    CloudEvent publish(EventAddress address, String tenant, String subject, Object data);

    /** Publishes an event that already has its id (re-publishing the same id is de-duplicated). */
    void publish(CloudEvent event);

    /** An event to publish: what {@link #publish(EventAddress, String, String, Object)} takes. */
    record Draft(EventAddress address, String tenant, String subject, Object data) {
    }

    /**
     * Publishes many events in one broker transaction, all or none, each with a fresh id and the
     * current time: for frequent events (live call state, statistics) where one round trip per event
     * would be the bottleneck. They are sent once and never again, so the broker does not check them
     * for duplicates.
     */
    void publishBatch(List<Draft> events);

    /**
     * Publishes events that already have their ids in one broker transaction, all or none, keeping
     * their order: for relays of events staged elsewhere (the outbox). A re-send of an id the broker
     * has seen is dropped by its duplicate detection.
     */
    void publishAll(List<CloudEvent> events);
}
