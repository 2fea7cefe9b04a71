package no.sentral.organisation.internal.rest;

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
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.organisation.Employee;
import no.sentral.api.security.Role;
import no.sentral.api.spi.rest.Created;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Range;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Versioned;
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
    public Page<Employee> list(@QueryParam("department") @Format(Format.Kind.UUID) String department,
                               @QueryParam("q") String search,
                               @QueryParam("offset") @DefaultValue("0") @Range(min = 0) int offset,
                               @QueryParam("limit") @DefaultValue("50") @Range(min = 1, max = Page.MAX_LIMIT) int limit,
                               @QueryParam("after") String after,
                               @QueryParam("count") Boolean count, @Context SecurityContext security) {
        return employees.list(Http.caller(security), department, search, Http.window(offset, limit, after, count));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Created<Employee> create(EmployeeInput input, @Context SecurityContext security) {
        Employee e = employees.create(Http.caller(security), input);
        return Created.at("employees/" + e.id(), e, e.version());
    }

    @GET
    @Path("{id}")
    public Versioned<Employee> get(@PathParam("id") @Format(Format.Kind.UUID) String id,
                                   @Context SecurityContext security) {
        Employee e = employees.get(Http.caller(security), id);
        return Http.tagged(e, e.version());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Versioned<Employee> update(@PathParam("id") @Format(Format.Kind.UUID) String id, EmployeeInput input,
                                      @HeaderParam("If-Match") @Required String ifMatch,
                                      @Context SecurityContext security) {
        Employee e = employees.update(Http.caller(security), id, Http.ifMatch(ifMatch), input);
        return Http.tagged(e, e.version());
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") @Format(Format.Kind.UUID) String id,
                       @HeaderParam("If-Match") @Required String ifMatch,
                       @Context SecurityContext security) {
        employees.delete(Http.caller(security), id, Http.ifMatch(ifMatch));
    }

    @GET
    @Path("{id}/photo")
    @Produces({"image/jpeg", "image/png"})
    public Response photo(@PathParam("id") @Format(Format.Kind.UUID) String id,
                          @Context SecurityContext security) {
        Photo photo = employees.photo(Http.caller(security), id);
        return Response.ok(photo.bytes(), photo.contentType()).build();
    }

    @PUT
    @Path("{id}/photo")
    @Consumes({"image/jpeg", "image/png"})
    public void putPhoto(@PathParam("id") @Format(Format.Kind.UUID) String id, byte[] bytes,
                         @HeaderParam("Content-Type") String type, @Context SecurityContext security) {
        employees.putPhoto(Http.caller(security), id, type, bytes);
    }
}
