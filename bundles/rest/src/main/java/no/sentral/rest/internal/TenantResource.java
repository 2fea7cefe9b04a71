package no.sentral.rest.internal;

import java.util.List;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
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
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.security.Tenants;
import no.sentral.api.security.Tenants.Tenant;
import no.sentral.api.spi.rest.Created;
import no.sentral.api.spi.rest.Pattern;
import no.sentral.api.spi.rest.Patterns;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Size;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Companies (tenants): the platform admin creates and lists them; a company sees only itself. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantResource {

    public record NewTenant(@Required @Pattern(value = Patterns.TENANT_ID, message = Patterns.TENANT_ID_RULE) String id,
                            @Required @Size(min = 1, max = 200) String name) {
    }

    private final Tenants tenants;
    private final AuditLog audit;

    @Activate
    public TenantResource(@Reference Tenants tenants, @Reference AuditLog audit) {
        this.tenants = tenants;
        this.audit = audit;
    }

    @GET
    @RolesAllowed(Role.Names.PLATFORM_ADMIN)
    public List<Tenant> list() {
        return tenants.list();
    }

    @POST
    @RolesAllowed(Role.Names.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public Created<Tenant> create(NewTenant tenant, @Context SecurityContext security) {
        if (tenant == null) {
            throw DomainException.malformed("a JSON body {\"id\", \"name\"} is required");
        }
        tenants.create(tenant.id(), tenant.name());
        audit.append(tenant.id(), security.getUserPrincipal().getName(), "tenant", tenant.id(), "created", null,
                CloudEventJson.toJson(tenant));
        return Created.at("tenants/" + tenant.id(), new Tenant(tenant.id(), tenant.name()));
    }

    @GET
    @Path("{id}")
    public Tenant get(@PathParam("id") @Pattern(value = Patterns.TENANT_ID, message = Patterns.TENANT_ID_RULE) String id,
                      @Context SecurityContext security) {
        SentralPrincipal caller = (SentralPrincipal) security.getUserPrincipal();
        // Another company's id answers exactly like a missing one: 404, never 403.
        if (!caller.isPlatformAdmin() && !id.equals(caller.tenant())) {
            throw DomainException.notFound("tenant " + id);
        }
        return tenants.find(id).orElseThrow(() -> DomainException.notFound("tenant " + id));
    }
}
