package no.sentral.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.security.SentralPrincipal;

/** {@code GET /api/v1/me}: who the API thinks you are — name, tenant, roles. */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @GET
    public SentralPrincipal me(@Context SecurityContext security) {
        return (SentralPrincipal) security.getUserPrincipal();
    }
}
