package no.sentral.switchboard.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.failure.Parse;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.rest.AnyOf;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Versioned;
import no.sentral.switchboard.internal.config.GroupConfig;
import no.sentral.switchboard.internal.config.Kind;
import no.sentral.switchboard.internal.config.MenuConfig;
import no.sentral.switchboard.internal.config.NumberEntry;
import no.sentral.switchboard.internal.config.QueueConfig;
import no.sentral.switchboard.internal.config.SetUp;
import no.sentral.switchboard.internal.config.TimeSwitch;
import no.sentral.switchboard.internal.config.UserSettings;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import no.sentral.switchboard.internal.schedule.Schedule;
import no.sentral.switchboard.internal.service.ConfigService;
import no.sentral.switchboard.internal.service.ConfigService.Stored;
import no.sentral.switchboard.internal.store.ConfigStore.Company;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The switchboard set-up (PBX-01, -03, -04, -06, -08, SB-05): numbering plan, answer groups, queues,
 * menus, schedules, time switches and employees' settings, one document each, at
 * {@code /switchboard/config/{kind}/{id}}. A change is validated against the whole set-up and in force
 * for the next call as soon as it is answered.
 */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/switchboard/config")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.SWITCHBOARD_OPERATOR})
public class ConfigResource {

    private final ConfigService configs;
    private final SwitchboardHost host;

    @Activate
    public ConfigResource(@Reference ConfigService configs, @Reference SwitchboardHost host) {
        this.configs = configs;
        this.host = host;
    }

    static SentralPrincipal caller(SecurityContext security) {
        return (SentralPrincipal) security.getUserPrincipal();
    }

    private static Kind kind(String path) {
        return Kind.byPath(path).orElseThrow(() -> DomainException.notFound("switchboard set-up '" + path
                + "'; kinds: numbers, groups, queues, menus, schedules, switches, users"));
    }

    private static Versioned<Object> tagged(Stored s) {
        return new Versioned<>(s.body(), s.version());
    }

    /** The time switch that governs every external number at once. */
    public record CompanySwitch(String companySwitch) {
    }

    @GET
    public SetUp all(@Context SecurityContext security) {
        return configs.all(caller(security).requireTenant());
    }

    /** What is wrong with the set-up as it stands, e.g. after an employee it names left the company. */
    @GET
    @Path("problems")
    public List<FieldError> problems(@Context SecurityContext security) {
        return configs.problems(caller(security).requireTenant());
    }

    @GET
    @Path("{kind}")
    @AnyOf(name = "SwitchboardSetUpItem", value = {NumberEntry.class, GroupConfig.class, QueueConfig.class,
        MenuConfig.class, Schedule.class, TimeSwitch.class, UserSettings.class})
    public List<Object> list(@PathParam("kind") String kind, @Context SecurityContext security) {
        return configs.list(caller(security).requireTenant(), kind(kind)).stream().map(Stored::body).toList();
    }

    @GET
    @Path("{kind}/{id}")
    @AnyOf(name = "SwitchboardSetUpItem", value = {NumberEntry.class, GroupConfig.class, QueueConfig.class,
        MenuConfig.class, Schedule.class, TimeSwitch.class, UserSettings.class})
    public Versioned<Object> get(@PathParam("kind") String kind, @PathParam("id") String id,
                                 @Context SecurityContext security) {
        return tagged(configs.get(caller(security).requireTenant(), kind(kind), id));
    }

    @PUT
    @Path("{kind}/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.COMPANY_ADMIN)
    @AnyOf(name = "SwitchboardSetUpItem", value = {NumberEntry.class, GroupConfig.class, QueueConfig.class,
        MenuConfig.class, Schedule.class, TimeSwitch.class, UserSettings.class})
    public Versioned<Object> put(@PathParam("kind") String kind, @PathParam("id") String id, JsonNode body,
                                 @HeaderParam("If-Match") String ifMatch, @Context SecurityContext security) {
        SentralPrincipal caller = caller(security);
        Stored stored = configs.put(caller, kind(kind), id, body, ifMatch == null ? null : Parse.expectedVersion(ifMatch));
        host.reload(caller.requireTenant());
        return tagged(stored);
    }

    @DELETE
    @Path("{kind}/{id}")
    @RolesAllowed(Role.Names.COMPANY_ADMIN)
    public void delete(@PathParam("kind") String kind, @PathParam("id") String id,
                       @HeaderParam("If-Match") @Required String ifMatch, @Context SecurityContext security) {
        SentralPrincipal caller = caller(security);
        configs.delete(caller, kind(kind), id, Parse.expectedVersion(ifMatch));
        host.reload(caller.requireTenant());
    }

    /** The time switch that governs every external number at once, e.g. {@code {"companySwitch": "office-hours"}}. */
    @PUT
    @Path("company")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Names.COMPANY_ADMIN)
    public Versioned<Company> company(CompanySwitch body, @HeaderParam("If-Match") String ifMatch,
                                      @Context SecurityContext security) {
        SentralPrincipal caller = caller(security);
        Company c = configs.setCompanySwitch(caller, body == null ? null : body.companySwitch(),
                ifMatch == null ? null : Parse.expectedVersion(ifMatch));
        host.reload(caller.requireTenant());
        return new Versioned<>(c, c.version());
    }
}
