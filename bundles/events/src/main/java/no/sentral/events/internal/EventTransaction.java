package no.sentral.events.internal;

import javax.jms.JMSException;
import no.sentral.api.event.CloudEvent;

/**
 * The transaction in which a consumer handles one event. Events published through it are sent
 * when, and only if, that event's consumption commits: a relay route then costs one broker
 * commit instead of two, and a failure publishes nothing.
 */
public interface EventTransaction {

    /**
     * Publishes {@code event} inside the transaction. Returns false when that is not possible from
     * here (another thread, or the event's handling is over); the caller then publishes normally.
     */
    boolean publish(CloudEvent event) throws JMSException;
}
