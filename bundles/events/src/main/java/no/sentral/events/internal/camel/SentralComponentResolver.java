package no.sentral.events.internal.camel;

import no.sentral.api.event.EventPublisher;
import no.sentral.api.spi.jdbc.Database;
import no.sentral.events.internal.Broker;
import no.sentral.events.internal.JdbcConsumedEvents;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentResolver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;

/**
 * Offers the {@code sentral:} component to every CamelContext in Karaf the way Camel's OSGi support
 * finds components: a {@link ComponentResolver} service with {@code component=sentral}. Each context
 * gets its own component on the shared broker connection.
 */
@org.osgi.service.component.annotations.Component(service = ComponentResolver.class,
        property = "component=" + SentralComponent.SCHEME)
public class SentralComponentResolver implements ComponentResolver {

    private final Broker broker;
    private final JdbcConsumedEvents consumed;
    private final EventPublisher publisher;

    @Activate
    public SentralComponentResolver(@Reference Broker broker, @Reference Database database,
                                    @Reference EventPublisher publisher) {
        this.broker = broker;
        this.consumed = JdbcConsumedEvents.migrated(database);
        this.publisher = publisher;
    }

    @Override
    public Component resolveComponent(String name, CamelContext context) {
        return SentralComponent.SCHEME.equals(name)
                ? new SentralComponent(broker.connectionFactory(), consumed, publisher) : null;
    }
}
