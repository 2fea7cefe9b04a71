package no.sentral.rest.internal;

import java.util.List;
import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.health.HealthReport;
import no.sentral.api.health.SystemHealth;
import no.sentral.api.security.Role;
import no.sentral.api.spi.rest.Responds;

/**
 * {@code GET /api/v1/health}: 200 when everything is up, 503 otherwise, for load balancers and
 * monitors. Anyone gets the verdict; the platform admin also gets every check and bundle in {@code items}.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private final SystemHealth health;

    HealthResource(SystemHealth health) {
        this.health = health;
    }

    @GET
    @PermitAll
    @Responds(status = 200, body = HealthReport.class)
    @Responds(status = 503, body = HealthReport.class)
    public Response health(@Context SecurityContext security) {
        HealthReport report = health.report();
        HealthReport body = security != null && security.isUserInRole(Role.PLATFORM_ADMIN.id()) ? report
                : new HealthReport(report.up(), report.at(), List.of());
        return Response.status(report.up() ? 200 : 503).entity(body).build();
    }
}
