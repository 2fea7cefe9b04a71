package no.sentral.platform.internal.events;

import no.sentral.api.event.CloudEvent;

/** Handles one event; throwing means "not handled" and leads to redelivery, then the DLQ. */
@FunctionalInterface
public interface EventHandler {
    void handle(CloudEvent event) throws Exception;
}
