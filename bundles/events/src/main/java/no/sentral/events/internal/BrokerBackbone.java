package no.sentral.events.internal;

import java.util.List;
import javax.jms.JMSException;
import no.sentral.api.event.EventBackbone;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link EventBackbone} on Artemis: queue figures from its JMX beans, dead letters browsed from the DLQ. */
@Component(service = EventBackbone.class)
public class BrokerBackbone implements EventBackbone {

    private final Broker broker;

    @Activate
    public BrokerBackbone(@Reference Broker broker) {
        this.broker = broker;
    }

    @Override
    public List<QueueInfo> queues() {
        return BrokerQueues.sentralQueues();
    }

    @Override
    public List<DeadLetter> deadLetters(int max) {
        try {
            return DeadLetters.browse(broker.connectionFactory(), max);
        } catch (JMSException e) {
            throw new IllegalStateException("cannot browse the DLQ: " + e.getMessage(), e);
        }
    }
}
