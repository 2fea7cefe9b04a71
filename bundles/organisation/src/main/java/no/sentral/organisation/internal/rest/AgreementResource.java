package no.sentral.organisation.internal.rest;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.security.Role;
import no.sentral.api.spi.rest.Pattern;
import no.sentral.api.spi.rest.Patterns;
import no.sentral.organisation.internal.service.CompanyService;
import no.sentral.api.organisation.Agreement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The operator's side of each company's agreement: which price plans and add-ons it includes. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/agreements/{tenant}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Names.PLATFORM_ADMIN)
public class AgreementResource {

    private final CompanyService companies;

    @Activate
    public AgreementResource(@Reference CompanyService companies) {
        this.companies = companies;
    }

    @GET
    public Agreement agreementOf(@PathParam("tenant")
                                 @Pattern(value = Patterns.TENANT_ID, message = Patterns.TENANT_ID_RULE) String tenant) {
        return companies.agreement(tenant);
    }

    /** The operator's side: which price plans and add-ons the company's agreement includes. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Agreement setAgreement(@PathParam("tenant") @Pattern(value = Patterns.TENANT_ID,
                                  message = Patterns.TENANT_ID_RULE) String tenant, Agreement agreement,
                                  @Context SecurityContext security) {
        return companies.setAgreement(Http.caller(security).getName(), tenant, agreement);
    }
}
