package no.sentral.organisation.internal.rest;

import java.util.List;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.organisation.Department;
import no.sentral.api.security.Role;
import no.sentral.api.spi.rest.Created;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Versioned;
import no.sentral.organisation.internal.service.DepartmentService;
import no.sentral.organisation.internal.service.DepartmentService.DepartmentInput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The department tree (LINK-01). A changed parentId in PUT moves the department. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/departments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.DEPARTMENT_ADMIN, Role.Names.SWITCHBOARD_OPERATOR, Role.Names.EMPLOYEE, Role.Names.PAYROLL})
public class DepartmentResource {

    /** Where to merge a department into. */
    public record Merge(@Required @Format(Format.Kind.UUID) String into) {
    }

    private final DepartmentService departments;

    @Activate
    public DepartmentResource(@Reference DepartmentService departments) {
        this.departments = departments;
    }

    @GET
    public List<Department> list(@Context SecurityContext security) {
        return departments.list(Http.caller(security));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Created<Department> create(DepartmentInput input, @Context SecurityContext security) {
        Department d = departments.create(Http.caller(security), input);
        return Created.at("departments/" + d.id(), d, d.version());
    }

    @GET
    @Path("{id}")
    public Versioned<Department> get(@PathParam("id") @Format(Format.Kind.UUID) String id,
                                     @Context SecurityContext security) {
        Department d = departments.get(Http.caller(security), id);
        return Http.tagged(d, d.version());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Versioned<Department> update(@PathParam("id") @Format(Format.Kind.UUID) String id, DepartmentInput input,
                                        @HeaderParam("If-Match") @Required String ifMatch,
                                        @Context SecurityContext security) {
        Department d = departments.update(Http.caller(security), id, Http.ifMatch(ifMatch), input);
        return Http.tagged(d, d.version());
    }

    /** Merges this department into another: everything in it moves there and it goes. */
    @POST
    @Path("{id}/merge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Versioned<Department> merge(@PathParam("id") @Format(Format.Kind.UUID) String id, Merge merge,
                                       @HeaderParam("If-Match") @Required String ifMatch,
                                       @Context SecurityContext security) {
        Department target = departments.merge(Http.caller(security), id, Http.ifMatch(ifMatch),
                merge == null ? null : merge.into());
        return Http.tagged(target, target.version());
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") @Format(Format.Kind.UUID) String id,
                       @HeaderParam("If-Match") @Required String ifMatch,
                       @Context SecurityContext security) {
        departments.delete(Http.caller(security), id, Http.ifMatch(ifMatch));
    }
}
