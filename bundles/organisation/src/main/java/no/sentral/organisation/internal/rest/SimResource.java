package no.sentral.organisation.internal.rest;

import java.util.List;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.failure.DomainException;
import no.sentral.api.organisation.Sim;
import no.sentral.api.organisation.SimStatus;
import no.sentral.api.security.Role;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Size;
import no.sentral.organisation.internal.service.SimService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The company's stock of unused SIMs (LINK-05). */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/sims")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.DEPARTMENT_ADMIN})
public class SimResource {

    /** SIMs to add to the stock. */
    public record Stock(@Required @Size(min = 1, max = SimService.MAX_STOCK) List<String> iccids) {
    }

    private final SimService sims;

    @Activate
    public SimResource(@Reference SimService sims) {
        this.sims = sims;
    }

    @GET
    public List<Sim> sims(@QueryParam("status") String status, @Context SecurityContext security) {
        return sims.sims(Http.caller(security), status == null ? null
                : SubscriptionResource.parse(SimStatus.class, "status", status));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public List<Sim> addToStock(Stock stock, @Context SecurityContext security) {
        if (stock == null) {
            throw DomainException.malformed("a JSON body {\"iccids\": [...]} is required");
        }
        return sims.addToStock(Http.caller(security), stock.iccids());
    }
}
