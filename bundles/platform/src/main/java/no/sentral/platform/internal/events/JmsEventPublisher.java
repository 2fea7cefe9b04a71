package no.sentral.platform.internal.events;

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
@Component(service = {EventPublisher.class, JmsEventPublisher.class})
public class JmsEventPublisher implements EventPublisher {

    static final String SOURCE = "/sentral";

    /** A new event with a fresh id, {@code data} serialised to JSON. */
    public static CloudEvent newEvent(EventAddress address, String tenant, String subject, Object data, Instant time) {
        return new CloudEvent(UUID.randomUUID().toString(), SOURCE, address.toString(), time, tenant, subject,
                CloudEventCodec.toJson(data));
    }

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
        CloudEvent event = newEvent(address, tenant, subject, data, clock.instant());
        publish(event);
        return event;
    }

    @Override
    public void publish(CloudEvent event) {
        EventAddress.parse(event.type());
        CloudEventCodec.requireJsonData(event);
        broker.send(event);
    }

    @Override
    public void publishBatch(List<Draft> events) {
        Instant now = clock.instant();
        broker.sendFresh(events.stream().map(d -> newEvent(d.address(), d.tenant(), d.subject(), d.data(), now)).toList());
    }

    /** Publishes events that already have their ids in one broker transaction (the outbox relay). */
    public void publishAll(List<CloudEvent> events) {
        events.forEach(event -> EventAddress.parse(event.type()));
        broker.sendAll(events);
    }
}
