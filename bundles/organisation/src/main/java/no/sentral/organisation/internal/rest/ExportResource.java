package no.sentral.organisation.internal.rest;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.Parse;
import no.sentral.api.security.Role;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Pattern;
import javax.ws.rs.core.StreamingOutput;
import no.sentral.organisation.internal.io.Exporter;
import no.sentral.organisation.internal.io.FileFormat;
import no.sentral.organisation.internal.io.Importer;
import no.sentral.organisation.internal.io.Xlsx;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Export in the columns the import reads (departments, employees, sims, subscriptions) and the audit
 * log: CSV, or an .xlsx workbook with {@code format=xlsx}.
 */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/export")
@RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.DEPARTMENT_ADMIN})
public class ExportResource {

    private static final String FORMATS = "^(csv|xlsx)$";

    private final Exporter exporter;

    @Activate
    public ExportResource(@Reference Exporter exporter) {
        this.exporter = exporter;
    }

    /** The audit log as CSV (at most the 10,000 oldest matches: narrow with the filters for more). */
    @GET
    @Path("audit")
    @Produces({"text/csv", Xlsx.MEDIA_TYPE})
    @RolesAllowed(Role.Names.COMPANY_ADMIN)
    public Response exportAudit(@QueryParam("entityType") String entityType, @QueryParam("entityId") String entityId,
                                @QueryParam("actor") String actor,
                                @QueryParam("from") @Format(Format.Kind.DATE_TIME) String from,
                                @QueryParam("to") @Format(Format.Kind.DATE_TIME) String to,
                                @QueryParam("format") @DefaultValue("csv") @Pattern(value = FORMATS,
                                message = "csv or xlsx") String format,
                                @Context SecurityContext security) {
        return file(format, exporter.exportAudit(Http.caller(security), entityType, entityId, actor,
                Parse.instant("from", from), Parse.instant("to", to)));
    }

    @GET
    @Path("{kind}")
    @Produces({"text/csv", Xlsx.MEDIA_TYPE})
    public Response export(@PathParam("kind") String kind,
                           @QueryParam("format") @DefaultValue("csv") @Pattern(value = FORMATS, message = "csv or xlsx")
                           String format, @Context SecurityContext security) {
        return file(format, exporter.export(Http.caller(security), Importer.Kind.parse(kind)));
    }

    /** Streams the export to the client as its rows are read; a refusal came before, as an answer. */
    private static Response file(String format, Exporter.Export export) {
        FileFormat file = FileFormat.parse(format);
        StreamingOutput body = out -> export.write(file, out);
        return Response.ok(body, file.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + export.fileName(file) + "\"").build();
    }
}
