package no.sentral.events.internal.camel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.jms.JMSException;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventHeaders;
import no.sentral.api.event.CloudEventJson;
import no.sentral.events.internal.EventTransaction;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * Publishes the message body as the data of a new event on the endpoint's address; inside a route
 * fed by a {@code sentral:} consumer, in that consumer's transaction.
 */
class SentralProducer extends DefaultProducer {

    SentralProducer(SentralEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public void process(Exchange exchange) throws JMSException {
        SentralEndpoint endpoint = (SentralEndpoint) getEndpoint();
        Message in = exchange.getIn();
        String tenant = in.getHeader(EventHeaders.TENANT, String.class);
        if (tenant == null || tenant.isBlank()) {
            throw new IllegalArgumentException("publishing to " + endpoint.address()
                    + " needs the " + EventHeaders.TENANT + " header");
        }
        String address = endpoint.address().toString();
        String cause = in.getHeader(EventHeaders.EVENT_ID, String.class);
        AtomicInteger published = exchange.getProperty(SentralConsumer.PUBLISHED, AtomicInteger.class);
        // Derived from the event being handled, the route and the publish's number within that handling:
        // a redelivered event re-publishes the same ids, which the broker drops as duplicates.
        String id = cause == null || published == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes((cause + "|" + exchange.getFromRouteId() + "|" + address + "|"
                        + published.incrementAndGet()).getBytes(StandardCharsets.UTF_8)).toString();
        Object body = in.getBody();
        CloudEvent event = new CloudEvent(id, "/sentral/camel/" + (exchange.getFromRouteId() == null ? "producer" : exchange.getFromRouteId()), address,
                Instant.now(), tenant, in.getHeader(EventHeaders.SUBJECT, String.class),
                body == null ? null : body == exchange.getProperty(SentralConsumer.DATA) ? (String) body
                        : CloudEventJson.toJson(body instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : body));
        EventTransaction transaction = exchange.getProperty(SentralConsumer.TRANSACTION, EventTransaction.class);
        if (transaction == null || !transaction.publish(event)) {
            endpoint.getComponent().publisher().publish(event);
        }
    }
}
