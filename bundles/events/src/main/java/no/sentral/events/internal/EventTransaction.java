package no.sentral.events.internal;

import java.sql.Connection;
import javax.jms.JMSException;
import no.sentral.api.event.CloudEvent;

/**
 * The transaction in which a consumer handles one event, part of the transaction of its batch.
 * Events published through it are sent when, and only if, that event's handling succeeds and its
 * batch commits: a relay route then costs a share of one broker commit, and a failure publishes nothing.
 */
public interface EventTransaction {

    /**
     * Publishes {@code event} inside the transaction. Returns false when that is not possible from
     * here (another thread, or the event's handling is over); the caller then publishes normally.
     */
    boolean publish(CloudEvent event) throws JMSException;

    /**
     * The batch's database transaction, for the handler's own work: it commits with the batch and with
     * the record that the event was consumed, so it is applied exactly once. Null for a consumer that
     * is not idempotent. Do not commit, roll back or close it.
     */
    Connection connection();
}
