package no.sentral.events.internal;

import java.util.List;
import javax.jms.JMSException;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventBackbone;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventBackbone} on Artemis: queue figures from its JMX beans, dead letters browsed, given back
 * or discarded on the DLQ, the recent events from the {@code sentral.#} listener.
 */
@Component(service = EventBackbone.class)
public class BrokerBackbone implements EventBackbone {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerBackbone.class);

    private final Broker broker;
    private final RecentEvents recent;

    @Activate
    public BrokerBackbone(@Reference Broker broker, @Reference RecentEvents recent) {
        this.broker = broker;
        this.recent = recent;
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

    @Override
    public boolean retry(String eventId) {
        return take(eventId, true);
    }

    @Override
    public boolean discard(String eventId) {
        return take(eventId, false);
    }

    private boolean take(String eventId, boolean retry) {
        try {
            boolean taken = DeadLetters.take(broker.connectionFactory(), eventId, retry);
            if (taken) {
                LOG.info("dead letter {} {}", eventId, retry ? "given back to its consumer" : "discarded");
            }
            return taken;
        } catch (JMSException e) {
            throw new IllegalStateException("cannot take " + eventId + " off the DLQ: " + e.getMessage(), e);
        }
    }

    @Override
    public List<CloudEvent> recent(int max) {
        return recent.last(null, max);
    }
}
