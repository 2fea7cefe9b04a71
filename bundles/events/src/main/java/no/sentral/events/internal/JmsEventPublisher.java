package no.sentral.events.internal;

import no.sentral.api.event.CloudEventJson;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link EventPublisher} service: CloudEvents onto Artemis through {@link Broker}. */
@Component(service = EventPublisher.class)
public class JmsEventPublisher implements EventPublisher {

    private final Broker broker;
    private final Clock clock;

    @Activate
    public JmsEventPublisher(@Reference Broker broker) {
        this(broker, Clock.systemUTC());
    }

    JmsEventPublisher(Broker broker, Clock clock) {
        this.broker = broker;
        this.clock = clock;
    }

    @Override
    public CloudEvent publish(EventAddress address, String tenant, String subject, Object data) {
        CloudEvent event = CloudEventJson.newEvent(address, tenant, subject, data, clock.instant());
        publish(event);
        return event;
    }

    @Override
    public void publish(CloudEvent event) {
        EventAddress.parse(event.type());
        CloudEventJson.requireJsonData(event);
        broker.send(event);
    }

    @Override
    public void publishBatch(List<Draft> events) {
        Instant now = clock.instant();
        broker.sendFresh(events.stream().map(d -> CloudEventJson.newEvent(d.address(), d.tenant(), d.subject(), d.data(), now)).toList());
    }

    @Override
    public void publishAll(List<CloudEvent> events) {
        events.forEach(event -> EventAddress.parse(event.type()));
        broker.sendAll(events);
    }
}
