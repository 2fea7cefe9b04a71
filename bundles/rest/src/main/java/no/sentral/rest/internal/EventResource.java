package no.sentral.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.rest.Accepted;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Size;
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

    public record NewEvent(@Required String type, @Size(max = 200) String subject, JsonNode data) {
    }

    /** The event as it was put on the backbone. */
    public record Published(String id, String type) {
    }

    private final EventPublisher publisher;

    @Activate
    public EventResource(@Reference EventPublisher publisher) {
        this.publisher = publisher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Accepted<Published> publish(NewEvent event, @Context SecurityContext security) {
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
        return new Accepted<>(new Published(published.id(), published.type()));
    }
}
