package no.sentral.platform.internal.rest;

import java.net.URI;
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
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.audit.AuditLog;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.platform.internal.events.CloudEventCodec;
import no.sentral.platform.internal.security.AccountStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** API tokens of the caller's company, for the systems that integrate with it. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/tokens")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("company-admin")
public class TokenResource {

    public record NewToken(String name, List<String> roles) {
    }

    /** The token itself is in this answer only; Sentral keeps a hash. */
    public record IssuedToken(String id, String name, List<String> roles, String token) {
    }

    private final AccountStore accounts;
    private final AuditLog audit;

    @Activate
    public TokenResource(@Reference AccountStore accounts, @Reference AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @GET
    public List<AccountStore.Token> list(@Context SecurityContext security) {
        return accounts.tokens(caller(security).requireTenant());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewToken request, @Context SecurityContext security) {
        if (request == null) {
            throw DomainException.malformed("a JSON body {\"name\", \"roles\"} is required");
        }
        SentralPrincipal caller = caller(security);
        String tenant = caller.requireTenant();
        AccountStore.IssuedToken issued = accounts.createToken(tenant, request.name(),
                AccountStore.parseRoles(request.roles() == null ? List.of() : request.roles()));
        audit.append(tenant, caller.getName(), "api-token", issued.id(), "created", null,
                CloudEventCodec.toJson(request));
        return Response.created(URI.create("tokens/" + issued.id()))
                .entity(new IssuedToken(issued.id(), request.name(), request.roles(), issued.token())).build();
    }

    @DELETE
    @Path("{id}")
    public void revoke(@PathParam("id") String id, @Context SecurityContext security) {
        SentralPrincipal caller = caller(security);
        accounts.revokeToken(caller.requireTenant(), id);
        audit.append(caller.tenant(), caller.getName(), "api-token", id, "revoked", null, null);
    }

    private static SentralPrincipal caller(SecurityContext security) {
        return (SentralPrincipal) security.getUserPrincipal();
    }
}
