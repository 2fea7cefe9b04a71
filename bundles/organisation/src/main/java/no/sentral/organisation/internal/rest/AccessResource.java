package no.sentral.organisation.internal.rest;

import java.util.List;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.security.Accounts;
import no.sentral.api.security.Role;
import no.sentral.organisation.internal.service.AccessService;
import no.sentral.organisation.internal.service.AccessService.Grant;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Link access (LINK-06): logins of the company with their roles and departments. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/access")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.COMPANY_ADMIN)
public class AccessResource {

    private final AccessService access;

    @Activate
    public AccessResource(@Reference AccessService access) {
        this.access = access;
    }

    @GET
    public List<Accounts.Account> list(@Context SecurityContext security) {
        return access.list(Http.caller(security));
    }

    @GET
    @Path("{username}")
    public Accounts.Account get(@PathParam("username") String username, @Context SecurityContext security) {
        return access.get(Http.caller(security), username);
    }

    /** Creates the login or changes what it may do. */
    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Accounts.Account grant(@PathParam("username") String username, Grant grant,
                                  @Context SecurityContext security) {
        return access.grant(Http.caller(security), username, grant);
    }

    /** Withdraws access; the login is kept, disabled, for the audit trail. */
    @DELETE
    @Path("{username}")
    public void revoke(@PathParam("username") String username, @Context SecurityContext security) {
        access.revoke(Http.caller(security), username);
    }
}
