package no.sentral.events.internal.camel;

import java.util.concurrent.atomic.AtomicInteger;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventHeaders;
import no.sentral.events.internal.ConsumerSettings;
import no.sentral.events.internal.EventConsumer;
import no.sentral.events.internal.EventTransaction;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/**
 * Feeds events of a durable subscription into a route, in batched transactions (see {@link EventConsumer});
 * a failed exchange means redelivery, then the DLQ. Events the route publishes with {@code sentral:} go
 * out in the same transaction, and its database work on the connection in the exchange property
 * {@link EventHeaders#CONNECTION} commits with the batch.
 */
class SentralConsumer extends DefaultConsumer {

    /** Exchange property with the consumer's {@link EventTransaction}, for {@code to("sentral:...")} in the route. */
    static final String TRANSACTION = "SentralEventTransaction";
    /** Exchange property counting the events the route publishes while handling this one. */
    static final String PUBLISHED = "SentralPublished";
    /** Exchange property with the event's data as decoded: JSON already, so publishing it unchanged skips the check. */
    static final String DATA = "SentralEventData";

    private final ConsumerSettings settings;
    private EventConsumer events;

    SentralConsumer(SentralEndpoint endpoint, Processor processor, ConsumerSettings settings) {
        super(endpoint, processor);
        this.settings = settings;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        SentralComponent component = ((SentralEndpoint) getEndpoint()).getComponent();
        events = new EventConsumer(component.connectionFactory(), settings, component.consumedEvents(), this::route);
        events.start();
    }

    private void route(CloudEvent event, EventTransaction transaction) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            exchange.setProperty(TRANSACTION, transaction);
            exchange.setProperty(EventHeaders.CONNECTION, transaction.connection());
            // Shared by copies of the exchange (split, multicast), so each publish gets its own number.
            exchange.setProperty(PUBLISHED, new AtomicInteger());
            Message in = exchange.getIn();
            exchange.setProperty(DATA, event.data());
            in.setBody(event.data());
            in.setHeader(EventHeaders.EVENT_ID, event.id());
            in.setHeader(EventHeaders.TENANT, event.tenant());
            in.setHeader(EventHeaders.TYPE, event.type());
            if (event.time() != null) {
                in.setHeader(EventHeaders.TIME, event.time().toString());
            }
            in.setHeader(EventHeaders.SOURCE, event.source());
            if (event.subject() != null) {
                in.setHeader(EventHeaders.SUBJECT, event.subject());
            }
            getProcessor().process(exchange);
            if (exchange.getException() != null) {
                throw exchange.getException();
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (events != null) {
            events.close();
            events = null;
        }
        super.doStop();
    }
}
