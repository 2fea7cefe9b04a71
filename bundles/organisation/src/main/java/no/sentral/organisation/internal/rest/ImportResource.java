package no.sentral.organisation.internal.rest;

import java.io.InputStream;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.security.Role;
import no.sentral.api.spi.rest.Responds;
import no.sentral.organisation.internal.io.FileFormat;
import no.sentral.organisation.internal.io.ImportReport;
import no.sentral.organisation.internal.io.Importer;
import no.sentral.organisation.internal.io.Xlsx;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Bulk import from CSV or an .xlsx workbook (its first sheet): departments, employees, sims, subscriptions (the columns of {@link ExportResource}).
 * An import is all or nothing; its report lists every bad row (line, column, message). {@code dryRun=true} only checks.
 * The body is spooled to a temporary file and read from there row by row: a file of any length imports in bounded memory.
 */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/import")
@RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.DEPARTMENT_ADMIN})
public class ImportResource {

    private final Importer importer;

    @Activate
    public ImportResource(@Reference Importer importer) {
        this.importer = importer;
    }

    /** 200 with the report when applied (or a clean dry run), 422 with the report when rows are bad. */
    @POST
    @Responds(status = 200, body = ImportReport.class)
    @Responds(status = 422, body = ImportReport.class)
    @Path("{kind}")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importCsv(@PathParam("kind") String kind, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                              InputStream csv, @Context SecurityContext security) {
        return answer(importer.run(Http.caller(security), Importer.Kind.parse(kind), FileFormat.CSV, csv, dryRun));
    }

    @POST
    @Path("{kind}")
    @Consumes(Xlsx.MEDIA_TYPE)
    @Responds(status = 200, body = ImportReport.class)
    @Responds(status = 422, body = ImportReport.class)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importXlsx(@PathParam("kind") String kind, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                               InputStream workbook, @Context SecurityContext security) {
        return answer(importer.run(Http.caller(security), Importer.Kind.parse(kind), FileFormat.XLSX, workbook,
                dryRun));
    }

    private static Response answer(ImportReport report) {
        return Response.status(report.errors().isEmpty() ? 200 : 422).entity(report).build();
    }
}
