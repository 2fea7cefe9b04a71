package no.sentral.events.internal;

import no.sentral.api.event.CloudEvent;

/** Handles one event; throwing means "not handled" and leads to redelivery, then the DLQ. */
@FunctionalInterface
public interface EventHandler {

    /** @param transaction the consumer's transaction, for publishing follow-up events atomically */
    void handle(CloudEvent event, EventTransaction transaction) throws Exception;
}
