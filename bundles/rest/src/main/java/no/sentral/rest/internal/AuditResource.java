package no.sentral.rest.internal;

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
import no.sentral.api.failure.Parse;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Range;
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
                                  @QueryParam("actor") String actor,
                                  @QueryParam("from") @Format(Format.Kind.DATE_TIME) String from,
                                  @QueryParam("to") @Format(Format.Kind.DATE_TIME) String to,
                                  @QueryParam("limit") @DefaultValue("100") @Range(min = 1, max = AuditQuery.MAX_LIMIT)
                                  int limit, @Context SecurityContext security) {
        String tenant = ((SentralPrincipal) security.getUserPrincipal()).requireTenant();
        return audit.query(new AuditQuery(tenant, entityType, entityId, actor, Parse.instant("from", from),
                Parse.instant("to", to), limit));
    }
}
