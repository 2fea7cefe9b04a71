package no.sentral.rest.internal;

import no.sentral.api.security.Role;
import java.util.List;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.audit.AuditEntry;
import no.sentral.api.audit.AuditLog;
import no.sentral.api.audit.AuditQuery;
import no.sentral.api.failure.FieldError;
import no.sentral.api.failure.Parse;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.SentralPrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /api/v1/audit}: the caller's company's audit log, filtered by entity, actor and time. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.COMPANY_ADMIN)
public class AuditResource {

    private final AuditLog audit;

    @Activate
    public AuditResource(@Reference AuditLog audit) {
        this.audit = audit;
    }

    @GET
    public List<AuditEntry> query(@QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
                                  @QueryParam("actor") String actor, @QueryParam("from") String from,
                                  @QueryParam("to") String to, @QueryParam("limit") @DefaultValue("100") int limit,
                                  @Context SecurityContext security) {
        String tenant = ((SentralPrincipal) security.getUserPrincipal()).requireTenant();
        if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
            throw DomainException.invalid(List.of(new FieldError("limit", "1.." + AuditQuery.MAX_LIMIT)));
        }
        return audit.query(new AuditQuery(tenant, entityType, entityId, actor, Parse.instant("from", from),
                Parse.instant("to", to), limit));
    }
}
