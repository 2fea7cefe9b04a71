package no.sentral.rest.internal;

import java.util.List;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.audit.AuditLog;
import no.sentral.api.event.CloudEventJson;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.ApiTokens;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.rest.Created;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Size;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** API tokens of the caller's company, for the systems that integrate with it. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.COMPANY_ADMIN)
public class TokenResource {

    public record NewToken(@Required @Size(min = 1, max = 200) String name, @Required List<String> roles) {
    }

    /** The token itself is in this answer only; Sentral keeps a hash. */
    public record IssuedToken(String id, String name, List<String> roles, String token) {
    }

    private final ApiTokens tokens;
    private final AuditLog audit;

    @Activate
    public TokenResource(@Reference ApiTokens tokens, @Reference AuditLog audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @GET
    public List<ApiTokens.Token> list(@Context SecurityContext security) {
        return tokens.list(caller(security).requireTenant());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Created<IssuedToken> create(NewToken request, @Context SecurityContext security) {
        if (request == null) {
            throw DomainException.malformed("a JSON body {\"name\", \"roles\"} is required");
        }
        SentralPrincipal caller = caller(security);
        String tenant = caller.requireTenant();
        ApiTokens.IssuedToken issued = tokens.create(tenant, request.name(), Role.parse(request.roles()));
        audit.append(tenant, caller.getName(), "api-token", issued.id(), "created", null,
                CloudEventJson.toJson(request));
        return Created.at("tokens/" + issued.id(),
                new IssuedToken(issued.id(), request.name(), request.roles(), issued.token()));
    }

    @DELETE
    @Path("{id}")
    public void revoke(@PathParam("id") String id, @Context SecurityContext security) {
        SentralPrincipal caller = caller(security);
        tokens.revoke(caller.requireTenant(), id);
        audit.append(caller.tenant(), caller.getName(), "api-token", id, "revoked", null, null);
    }

    private static SentralPrincipal caller(SecurityContext security) {
        return (SentralPrincipal) security.getUserPrincipal();
    }
}
