package no.sentral.routes.hrexport.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import no.sentral.api.event.EventHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * New employees to the HR system: each {@code sentral.org.employee-created} event becomes one JSON
 * document with the fields an HR system keys on, sent to the configured endpoint.
 */
@Component(service = RoutesBuilder.class, configurationPid = "no.sentral.routes.hrexport")
@Designate(ocd = HrExportRoutes.Config.class)
public class HrExportRoutes extends RouteBuilder {

    static final String CONSUMER = "hr-export";
    static final String ROUTE_ID = "hr-export-new-employees";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ObjectClassDefinition(name = "Sentral HR export route")
    public @interface Config {
        @AttributeDefinition(description = "Camel endpoint the new employees are sent to")
        String endpoint() default "file:data/sentral/hr-outbox";
    }

    private String endpoint;

    @Activate
    void activate(Config config) {
        endpoint = config.endpoint();
    }

    /** Plain construction for tests and for use outside OSGi. */
    HrExportRoutes with(String endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    @Override
    public void configure() {
        from("sentral:sentral.org.employee-created?consumer=" + CONSUMER)
                .routeId(ROUTE_ID)
                .process(exchange -> {
                    String tenant = exchange.getIn().getHeader(EventHeaders.TENANT, String.class);
                    JsonNode employee = JSON.readTree(exchange.getIn().getBody(String.class));
                    exchange.getIn().setBody(JSON.writeValueAsString(hrRecord(tenant, employee,
                            exchange.getIn().getHeader(EventHeaders.EVENT_ID, String.class))));
                    exchange.getIn().setHeader(Exchange.FILE_NAME, tenant + "/" + employee.path("id").asText()
                            + ".json");
                    exchange.getIn().setHeader(Exchange.CONTENT_TYPE, "application/json");
                })
                .to(endpoint);
    }

    /** The HR system's view of a new employee; the event id lets it ignore a repeated delivery. */
    static ObjectNode hrRecord(String tenant, JsonNode employee, String eventId) {
        ObjectNode record = JSON.createObjectNode();
        record.put("company", tenant);
        record.put("sourceEventId", eventId);
        for (String field : new String[] {"employeeNumber", "name", "email", "mobile", "title", "departmentId"}) {
            JsonNode value = employee.get(field);
            if (value != null && !value.isNull()) {
                record.set(field, value);
            }
        }
        record.put("sentralId", employee.path("id").asText());
        return record;
    }
}
