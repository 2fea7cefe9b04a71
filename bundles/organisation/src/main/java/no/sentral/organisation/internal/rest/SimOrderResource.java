package no.sentral.organisation.internal.rest;

import java.util.List;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.failure.DomainException;
import no.sentral.api.organisation.SimOrder;
import no.sentral.api.organisation.SimOrderStatus;
import no.sentral.api.security.Role;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Versioned;
import no.sentral.organisation.internal.service.SimService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** SIMs ordered for new subscriptions: ordered → sent → activated, or cancelled (LINK-05). */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/sim-orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.DEPARTMENT_ADMIN})
public class SimOrderResource {

    /** The next state of an order; {@code iccid} names the SIM when it is sent. */
    public record OrderStatus(@Required String status, String iccid) {
    }

    private final SimService sims;

    @Activate
    public SimOrderResource(@Reference SimService sims) {
        this.sims = sims;
    }

    @GET
    public List<SimOrder> orders(@QueryParam("status") String status, @Context SecurityContext security) {
        return sims.orders(Http.caller(security), status == null ? null
                : SubscriptionResource.parse(SimOrderStatus.class, "status", status));
    }

    @GET
    @Path("{id}")
    public Versioned<SimOrder> order(@PathParam("id") @Format(Format.Kind.UUID) String id,
                                     @Context SecurityContext security) {
        SimOrder order = sims.order(Http.caller(security), id);
        return Http.tagged(order, order.version());
    }

    /** Moves the order on: sent (with the SIM's ICCID), activated or cancelled. */
    @POST
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public Versioned<SimOrder> advance(@PathParam("id") @Format(Format.Kind.UUID) String id, OrderStatus next,
                                       @HeaderParam("If-Match") @Required String ifMatch,
                                       @Context SecurityContext security) {
        if (next == null) {
            throw DomainException.malformed("a JSON body {\"status\", \"iccid\"} is required");
        }
        SimOrder order = sims.advance(Http.caller(security), id, Http.ifMatch(ifMatch),
                SubscriptionResource.parse(SimOrderStatus.class, "status", next.status()), next.iccid());
        return Http.tagged(order, order.version());
    }
}
