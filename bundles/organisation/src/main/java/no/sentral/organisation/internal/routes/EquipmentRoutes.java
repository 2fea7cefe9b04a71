package no.sentral.organisation.internal.routes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import no.sentral.api.event.EventHeaders;
import no.sentral.organisation.internal.service.EquipmentService;
import no.sentral.organisation.internal.service.EquipmentService.Sighting;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps the equipment overview (PORTAL-05) up to date: each {@code sentral.network.device-seen}
 * event ({@code {"iccid", "imei", "model"}}) is recorded for the company it belongs to. The durable
 * consumer {@code org-equipment} keeps sightings published while this bundle is away.
 */
@Component(service = RoutesBuilder.class)
public class EquipmentRoutes extends RouteBuilder {

    static final String CONSUMER = "org-equipment";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final EquipmentService equipment;

    @Activate
    public EquipmentRoutes(@Reference EquipmentService equipment) {
        this.equipment = equipment;
    }

    @Override
    public void configure() {
        from("sentral:sentral.network.device-seen?consumer=" + CONSUMER)
                .routeId("org-equipment-device-seen")
                .process(exchange -> {
                    String tenant = exchange.getIn().getHeader(EventHeaders.TENANT, String.class);
                    Instant at = Instant.parse(exchange.getIn().getHeader(EventHeaders.TIME, String.class));
                    Sighting sighting = JSON.readValue(exchange.getIn().getBody(String.class), Sighting.class);
                    equipment.seen(tenant, sighting, at);
                });
    }
}
