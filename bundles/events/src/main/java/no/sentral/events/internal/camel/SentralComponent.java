package no.sentral.events.internal.camel;

import java.util.Map;
import javax.jms.ConnectionFactory;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import no.sentral.events.internal.ConsumedEvents;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code sentral:} Camel component: one line to consume or publish Sentral events.
 * <pre>
 * from("sentral:call.ended?consumer=cdr-export")   // durable, idempotent, DLQ after 5 attempts
 *     .to("sentral:cdr.exported");                 // publish, keeping the tenant
 * </pre>
 */
public class SentralComponent extends DefaultComponent {

    public static final String SCHEME = "sentral";

    private final ConnectionFactory connectionFactory;
    private final ConsumedEvents consumedEvents;
    private final EventPublisher publisher;

    public SentralComponent(ConnectionFactory connectionFactory, ConsumedEvents consumedEvents,
                            EventPublisher publisher) {
        this.connectionFactory = connectionFactory;
        this.consumedEvents = consumedEvents;
        this.publisher = publisher;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SentralEndpoint endpoint = new SentralEndpoint(uri, this, EventAddress.parse(remaining));
        setProperties(endpoint, parameters);
        return endpoint;
    }

    ConnectionFactory connectionFactory() {
        return connectionFactory;
    }

    ConsumedEvents consumedEvents() {
        return consumedEvents;
    }

    EventPublisher publisher() {
        return publisher;
    }
}
