package no.sentral.organisation.internal.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.failure.DomainException;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.DirectoryListing;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.organisation.SubscriptionStatus;
import no.sentral.api.security.Role;
import no.sentral.api.spi.rest.Created;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Range;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Size;
import no.sentral.api.spi.rest.Versioned;
import no.sentral.organisation.internal.service.Page;
import no.sentral.organisation.internal.service.SubscriptionService;
import no.sentral.organisation.internal.service.SubscriptionService.Activated;
import no.sentral.organisation.internal.service.SubscriptionService.Activation;
import no.sentral.organisation.internal.service.SubscriptionService.Filter;
import no.sentral.organisation.internal.service.SubscriptionService.Grouping;
import no.sentral.organisation.internal.service.SubscriptionService.Holder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Fixed and mobile subscriptions (LINK-01..05). */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.DEPARTMENT_ADMIN, Role.Names.EMPLOYEE, Role.Names.PAYROLL})
public class SubscriptionResource {

    /** Subscriptions to move and where to. */
    public record Move(@Required @Size(min = 1, max = SubscriptionService.MAX_MOVE) List<String> ids,
                       @Required @Format(Format.Kind.UUID) String departmentId) {
    }

    private final SubscriptionService subscriptions;

    @Activate
    public SubscriptionResource(@Reference SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    /**
     * A page of subscriptions: by department (with its sub-departments if asked), holder, kind, status,
     * plan or number. Page by {@code offset} (with the total), or by {@code after} = the previous page's
     * {@code next} (fast at any depth; the total only with {@code count=true}).
     */
    @GET
    public Page<Subscription> list(@QueryParam("department") @Format(Format.Kind.UUID) String department,
                                   @QueryParam("subDepartments") @DefaultValue("false") boolean subDepartments,
                                   @QueryParam("employee") @Format(Format.Kind.UUID) String employee,
                                   @QueryParam("kind") String kind,
                                   @QueryParam("status") String status, @QueryParam("pricePlan") String pricePlan,
                                   @QueryParam("number") String number,
                                   @QueryParam("offset") @DefaultValue("0") @Range(min = 0) int offset,
                                   @QueryParam("limit") @DefaultValue("50") @Range(min = 1, max = Page.MAX_LIMIT)
                                   int limit,
                                   @QueryParam("after") String after, @QueryParam("count") Boolean count,
                                   @Context SecurityContext security) {
        return subscriptions.list(Http.caller(security), filter(department, subDepartments, employee, kind, status,
                pricePlan, number), Http.window(offset, limit, after, count));
    }

    /** Counts per department, pricePlan, kind, status or employee, with the same filters as the list. */
    @GET
    @Path("summary")
    public Map<String, Long> summary(@QueryParam("groupBy") @DefaultValue("department") String groupBy,
                                     @QueryParam("department") @Format(Format.Kind.UUID) String department,
                                     @QueryParam("subDepartments") @DefaultValue("false") boolean subDepartments,
                                     @QueryParam("kind") String kind, @QueryParam("status") String status,
                                     @QueryParam("pricePlan") String pricePlan, @Context SecurityContext security) {
        Grouping grouping = parse(Grouping.class, "groupBy", groupBy.replaceAll("([a-z])([A-Z])", "$1_$2"));
        return subscriptions.summary(Http.caller(security), filter(department, subDepartments, null, kind, status,
                pricePlan, null), grouping);
    }

    /** Activates a subscription; without a SIM in stock it is pending until the ordered SIM is activated. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Created<Activated> activate(Activation activation, @Context SecurityContext security) {
        Activated activated = subscriptions.activate(Http.caller(security), activation);
        Subscription s = activated.subscription();
        return Created.at("subscriptions/" + s.id(), activated, s.version());
    }

    @POST
    @Path("move")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<Subscription> move(Move move, @Context SecurityContext security) {
        if (move == null) {
            throw DomainException.malformed("a JSON body {\"ids\", \"departmentId\"} is required");
        }
        return subscriptions.move(Http.caller(security), move.ids(), move.departmentId());
    }

    @GET
    @Path("{id}")
    public Versioned<Subscription> get(@PathParam("id") @Format(Format.Kind.UUID) String id,
                                       @Context SecurityContext security) {
        Subscription s = subscriptions.get(Http.caller(security), id);
        return Http.tagged(s, s.version());
    }

    /** Changes the holder, the department or the price plan. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Versioned<Subscription> update(@PathParam("id") @Format(Format.Kind.UUID) String id, Holder holder,
                                          @HeaderParam("If-Match") @Required String ifMatch,
                                          @Context SecurityContext security) {
        Subscription s = subscriptions.update(Http.caller(security), id, Http.ifMatch(ifMatch), holder);
        return Http.tagged(s, s.version());
    }

    @PUT
    @Path("{id}/addons")
    @Consumes(MediaType.APPLICATION_JSON)
    public Versioned<Subscription> addons(@PathParam("id") @Format(Format.Kind.UUID) String id, List<Addon> addons,
                                          @HeaderParam("If-Match") @Required String ifMatch,
                                          @Context SecurityContext security) {
        Subscription s = subscriptions.setAddons(Http.caller(security), id, Http.ifMatch(ifMatch), addons);
        return Http.tagged(s, s.version());
    }

    @PUT
    @Path("{id}/directory")
    @Consumes(MediaType.APPLICATION_JSON)
    public Versioned<Subscription> directory(@PathParam("id") @Format(Format.Kind.UUID) String id,
                                             DirectoryListing listing, @HeaderParam("If-Match") @Required String ifMatch,
                                             @Context SecurityContext security) {
        Subscription s = subscriptions.setDirectory(Http.caller(security), id, Http.ifMatch(ifMatch), listing);
        return Http.tagged(s, s.version());
    }

    /** Terminates the subscription (it stays in the list as TERMINATED; its number becomes free). */
    @DELETE
    @Path("{id}")
    public Versioned<Subscription> terminate(@PathParam("id") @Format(Format.Kind.UUID) String id,
                                             @HeaderParam("If-Match") @Required String ifMatch,
                                             @Context SecurityContext security) {
        Subscription s = subscriptions.terminate(Http.caller(security), id, Http.ifMatch(ifMatch));
        return Http.tagged(s, s.version());
    }

    private static Filter filter(String department, boolean subDepartments, String employee, String kind,
                                 String status, String pricePlan, String number) {
        return new Filter(department, subDepartments, employee,
                kind == null ? null : parse(SubscriptionKind.class, "kind", kind),
                status == null ? null : parse(SubscriptionStatus.class, "status", status), pricePlan, number);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
