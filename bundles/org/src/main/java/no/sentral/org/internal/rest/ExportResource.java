package no.sentral.org.internal.rest;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.org.internal.io.Exporter;
import no.sentral.org.internal.io.Importer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Export as CSV in the columns the import reads: departments, employees, sims, subscriptions. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/export")
@RolesAllowed({Http.ADMIN, Http.DEPARTMENT_ADMIN})
public class ExportResource {

    private final Exporter exporter;

    @Activate
    public ExportResource(@Reference Exporter exporter) {
        this.exporter = exporter;
    }

    @GET
    @Path("{kind}")
    @Produces("text/csv")
    public Response exportCsv(@PathParam("kind") String kind, @Context SecurityContext security) {
        Importer.Kind which = Importer.Kind.parse(kind);
        return Response.ok(exporter.export(Http.caller(security), which), "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + which.name().toLowerCase() + ".csv\"")
                .build();
    }
}
