package no.sentral.rest.internal;

import java.util.List;
import java.util.Set;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;

/** {@code GET /api/v1/me}: who the API thinks you are — name, tenant, roles. */
@Path("/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    /** @param tenant null for the platform administrator */
    public record Me(String name, String tenant, List<String> roles, Set<String> departments, boolean system) {
    }

    @GET
    public Me me(@Context SecurityContext security) {
        SentralPrincipal p = (SentralPrincipal) security.getUserPrincipal();
        return new Me(p.getName(), p.tenant(), p.roles().stream().map(Role::id).sorted().toList(), p.departments(),
                p.system());
    }
}
