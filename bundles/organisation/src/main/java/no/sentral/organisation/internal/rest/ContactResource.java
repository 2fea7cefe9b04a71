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
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.organisation.Contact;
import no.sentral.api.security.Role;
import no.sentral.api.spi.rest.Created;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Versioned;
import no.sentral.organisation.internal.service.ContactService;
import no.sentral.organisation.internal.service.ContactService.ContactInput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** External contacts of the company. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/contacts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.DEPARTMENT_ADMIN, Role.Names.SWITCHBOARD_OPERATOR, Role.Names.EMPLOYEE, Role.Names.PAYROLL})
public class ContactResource {

    private final ContactService contacts;

    @Activate
    public ContactResource(@Reference ContactService contacts) {
        this.contacts = contacts;
    }

    @GET
    public List<Contact> list(@QueryParam("q") String search, @Context SecurityContext security) {
        return contacts.list(Http.caller(security), search);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Created<Contact> create(ContactInput input, @Context SecurityContext security) {
        Contact c = contacts.create(Http.caller(security), input);
        return Created.at("contacts/" + c.id(), c, c.version());
    }

    @GET
    @Path("{id}")
    public Versioned<Contact> get(@PathParam("id") @Format(Format.Kind.UUID) String id,
                                  @Context SecurityContext security) {
        Contact c = contacts.get(Http.caller(security), id);
        return Http.tagged(c, c.version());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Versioned<Contact> update(@PathParam("id") @Format(Format.Kind.UUID) String id, ContactInput input,
                                     @HeaderParam("If-Match") @Required String ifMatch,
                                     @Context SecurityContext security) {
        Contact c = contacts.update(Http.caller(security), id, Http.ifMatch(ifMatch), input);
        return Http.tagged(c, c.version());
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") @Format(Format.Kind.UUID) String id,
                       @HeaderParam("If-Match") @Required String ifMatch,
                       @Context SecurityContext security) {
        contacts.delete(Http.caller(security), id, Http.ifMatch(ifMatch));
    }
}
