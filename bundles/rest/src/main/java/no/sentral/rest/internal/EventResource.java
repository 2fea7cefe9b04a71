package no.sentral.rest.internal;

import no.sentral.api.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import no.sentral.api.failure.FieldError;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.SentralPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code POST /api/v1/events}: an external system puts an event on the backbone for its company.
 * The tenant is the caller's; a tenant in the body is not accepted.
 */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.COMPANY_ADMIN)
public class EventResource {

    public record NewEvent(String type, String subject, JsonNode data) {
    }

    private final EventPublisher publisher;

    @Activate
    public EventResource(@Reference EventPublisher publisher) {
        this.publisher = publisher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response publish(NewEvent event, @Context SecurityContext security) {
        if (event == null) {
            throw DomainException.malformed("a JSON body {\"type\", \"subject\", \"data\"} is required");
        }
        List<FieldError> errors = new ArrayList<>();
        EventAddress address = null;
        try {
            address = EventAddress.parse(event.type() == null ? "" : event.type());
            if (address.isCommand()) {
                errors.add(new FieldError("type", "commands cannot be sent through this endpoint"));
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("type", e.getMessage()));
        }
        if (event.subject() != null && event.subject().length() > 200) {
            errors.add(new FieldError("subject", "at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        String tenant = ((SentralPrincipal) security.getUserPrincipal()).requireTenant();
        CloudEvent published = publisher.publish(address, tenant, event.subject(),
                event.data() == null ? null : event.data().toString());
        return Response.accepted(Map.of("id", published.id(), "type", published.type())).build();
    }
}
