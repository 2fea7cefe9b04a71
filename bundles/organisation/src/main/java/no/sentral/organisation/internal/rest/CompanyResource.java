package no.sentral.organisation.internal.rest;

import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.organisation.Company;
import no.sentral.api.security.Role;
import no.sentral.api.spi.rest.Versioned;
import no.sentral.organisation.internal.service.CompanyService;
import no.sentral.api.organisation.Agreement;
import no.sentral.organisation.internal.service.CompanyService.CompanyInput;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The caller's company: its registered details and its agreement with the operator. */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/company")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyResource {

    private final CompanyService companies;

    @Activate
    public CompanyResource(@Reference CompanyService companies) {
        this.companies = companies;
    }

    @GET
    @RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.DEPARTMENT_ADMIN, Role.Names.SWITCHBOARD_OPERATOR, Role.Names.EMPLOYEE, Role.Names.PAYROLL})
    public Versioned<Company> company(@Context SecurityContext security) {
        Company company = companies.get(Http.caller(security));
        return Http.tagged(company, company.version());
    }

    /** Registers the details (no If-Match needed the first time) or changes them (If-Match required). */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.COMPANY_ADMIN)
    public Versioned<Company> putCompany(CompanyInput input, @HeaderParam("If-Match") String ifMatch,
                                         @Context SecurityContext security) {
        Company company = companies.put(Http.caller(security), ifMatch == null ? null : Http.ifMatch(ifMatch), input);
        return Http.tagged(company, company.version());
    }

    @GET
    @Path("agreement")
    @RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.DEPARTMENT_ADMIN, Role.Names.PAYROLL})
    public Agreement agreement(@Context SecurityContext security) {
        return companies.agreement(Http.caller(security));
    }
}
