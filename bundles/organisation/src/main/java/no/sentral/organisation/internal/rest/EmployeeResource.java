package no.sentral.organisation.internal.rest;

import no.sentral.api.security.Role;
import java.net.URI;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.organisation.Employee;
import no.sentral.organisation.internal.service.EmployeeService;
import no.sentral.organisation.internal.service.EmployeeService.EmployeeInput;
import no.sentral.organisation.internal.service.EmployeeService.Photo;
import no.sentral.organisation.internal.service.Page;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The people of the company, with their photos. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/employees")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.DEPARTMENT_ADMIN, Role.Names.SWITCHBOARD_OPERATOR, Role.Names.EMPLOYEE, Role.Names.PAYROLL})
public class EmployeeResource {

    private final EmployeeService employees;

    @Activate
    public EmployeeResource(@Reference EmployeeService employees) {
        this.employees = employees;
    }

    @GET
    public Page<Employee> list(@QueryParam("department") String department, @QueryParam("q") String search,
                               @QueryParam("offset") @DefaultValue("0") int offset,
                               @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("after") String after,
                               @QueryParam("count") Boolean count, @Context SecurityContext security) {
        return employees.list(Http.caller(security), department, search, Http.window(offset, limit, after, count));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(EmployeeInput input, @Context SecurityContext security) {
        Employee e = employees.create(Http.caller(security), input);
        return Response.created(URI.create("employees/" + e.id())).entity(e)
                .tag(new EntityTag(String.valueOf(e.version()))).build();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id, @Context SecurityContext security) {
        Employee e = employees.get(Http.caller(security), id);
        return Http.tagged(e, e.version());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, EmployeeInput input, @HeaderParam("If-Match") String ifMatch,
                           @Context SecurityContext security) {
        Employee e = employees.update(Http.caller(security), id, Http.ifMatch(ifMatch), input);
        return Http.tagged(e, e.version());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                           @Context SecurityContext security) {
        employees.delete(Http.caller(security), id, Http.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/photo")
    @Produces({"image/jpeg", "image/png"})
    public Response photo(@PathParam("id") String id, @Context SecurityContext security) {
        Photo photo = employees.photo(Http.caller(security), id);
        return Response.ok(photo.bytes(), photo.contentType()).build();
    }

    @PUT
    @Path("{id}/photo")
    @Consumes({"image/jpeg", "image/png"})
    public Response putPhoto(@PathParam("id") String id, byte[] bytes, @HeaderParam("Content-Type") String type,
                             @Context SecurityContext security) {
        employees.putPhoto(Http.caller(security), id, type, bytes);
        return Response.noContent().build();
    }
}
