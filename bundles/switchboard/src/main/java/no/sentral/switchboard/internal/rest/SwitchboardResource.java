package no.sentral.switchboard.internal.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
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
import no.sentral.api.failure.Parse;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.rest.Accepted;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Pattern;
import no.sentral.api.spi.rest.Patterns;
import no.sentral.api.spi.rest.Range;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.telephony.Hop;
import no.sentral.switchboard.internal.config.Availability;
import no.sentral.switchboard.internal.config.Destination;
import no.sentral.switchboard.internal.engine.CallView;
import no.sentral.switchboard.internal.engine.Engine;
import no.sentral.switchboard.internal.engine.Views;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import no.sentral.switchboard.internal.store.History;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The live switchboard (SB-01, -02, -05, -07, PBX-09, -10, -12, -14, APP-03): calls, queues, groups
 * and agents as they are now, the operator's actions on calls, queue logins and availability, click
 * to dial, and history (15-minute statistics, call logs). Operators and admins act on any call of the
 * company; an employee on their own calls, availability and logins.
 */
@Component(service = Object.class, property = "sentral.rest=true")
@Path("/switchboard")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.Names.COMPANY_ADMIN, Role.Names.SWITCHBOARD_OPERATOR, Role.Names.EMPLOYEE})
public class SwitchboardResource {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Duration MAX_PERIOD = Duration.ofDays(31);

    private final SwitchboardHost host;
    private final History history;

    @Activate
    public SwitchboardResource(@Reference SwitchboardHost host, @Reference History history) {
        this.host = host;
        this.history = history;
    }

    /** An action on a call: where to (transfer, consult) or who (take, assign). */
    public record Action(Destination to, String user) {
    }

    /** What was asked of a call. */
    public record ActionTaken(String call, String action) {
    }

    /** An agent's availability: available, busy, meeting, away or off-work. */
    public record AvailabilityChange(@Required String availability) {
    }

    /** The number to call. */
    public record Dial(@Required @Pattern(value = Patterns.PHONE, message = Patterns.PHONE_RULE) String number) {
    }

    /** The call that click to dial started. */
    public record Dialled(String call) {
    }

    private static SentralPrincipal caller(SecurityContext security) {
        return ConfigResource.caller(security);
    }

    private static boolean operator(SentralPrincipal p) {
        return p.has(Role.COMPANY_ADMIN) || p.has(Role.SWITCHBOARD_OPERATOR);
    }

    private static void requireOperator(SentralPrincipal p) {
        if (!operator(p)) {
            throw DomainException.forbidden("switchboard operators and company admins only");
        }
    }

    /** The caller as an employee of the switchboard (they must have an employee record linked to their login). */
    private String me(SentralPrincipal p) {
        String tenant = p.requireTenant();
        return host.ask(tenant, e -> e.userOf(tenant, p.getName()))
                .orElseThrow(() -> DomainException.forbidden("login " + p.getName() + " is not linked to an employee"));
    }

    /** Operators may name anyone; others only themselves. */
    private String self(SentralPrincipal p, String user) {
        if (user == null || user.isBlank()) {
            return me(p);
        }
        if (!operator(p) && !user.equals(me(p))) {
            throw DomainException.forbidden("only operators act for others");
        }
        return user;
    }

    /** How the engine runs: shards, adapter, live events, CDR backlog, signal-to-statistics latency. */
    @GET
    @Path("status")
    @RolesAllowed(Role.Names.PLATFORM_ADMIN)
    public SwitchboardHost.Status status() {
        return host.status();
    }

    // ---- live

    @GET
    @Path("calls")
    public List<CallView> calls(@Context SecurityContext security) {
        SentralPrincipal p = caller(security);
        String tenant = p.requireTenant();
        List<CallView> calls = live(tenant, Engine::calls);
        if (operator(p)) {
            return calls;
        }
        String me = me(p);
        return calls.stream().filter(c -> me.equals(c.user())).toList();
    }

    @GET
    @Path("queues")
    public List<Views.Figures> queues(@Context SecurityContext security) {
        return live(caller(security).requireTenant(), Engine::queues);
    }

    @GET
    @Path("groups")
    public List<Views.Figures> groups(@Context SecurityContext security) {
        return live(caller(security).requireTenant(), Engine::groups);
    }

    @GET
    @Path("agents")
    public List<Views.Agent> agents(@Context SecurityContext security) {
        return live(caller(security).requireTenant(), Engine::agents);
    }

    /** A live view of the company; empty while it has no switchboard set up. */
    private <T> List<T> live(String tenant, java.util.function.BiFunction<Engine, String, List<T>> view) {
        return host.ask(tenant, e -> e.serves(tenant) ? view.apply(e, tenant) : List.<T>of());
    }

    // ---- operator actions on calls

    @POST
    @Path("calls/{call}/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Accepted<ActionTaken> act(@PathParam("call") String call, @PathParam("action") String action, Action body,
                                     @Context SecurityContext security) {
        SentralPrincipal p = caller(security);
        String tenant = p.requireTenant();
        Action a = body == null ? new Action(null, null) : body;
        // Operators act on any call; an employee only transfers or holds a call they are talking on.
        if (!operator(p)) {
            String me = me(p);
            if ("take".equals(action) || !host.ask(tenant, e -> e.calls(tenant).stream()
                    .anyMatch(c -> c.call().equals(call) && me.equals(c.user())))) {
                throw DomainException.forbidden("you can act on your own calls only");
            }
        }
        switch (action) {
            case "take" -> {
                String user = self(p, a.user());
                host.ask(tenant, e -> run(() -> e.take(tenant, call, user)));
            }
            case "transfer" -> host.ask(tenant, e -> run(() -> e.transfer(tenant, call, destination(a))));
            case "consult" -> host.ask(tenant, e -> run(() -> e.consult(tenant, call, destination(a))));
            case "complete" -> host.ask(tenant, e -> run(() -> e.completeTransfer(tenant, call)));
            case "cancel" -> host.ask(tenant, e -> run(() -> e.cancelTransfer(tenant, call)));
            case "hold" -> host.ask(tenant, e -> run(() -> e.hold(tenant, call)));
            default -> throw DomainException.notFound("action '" + action
                    + "'; actions: take, transfer, consult, complete, cancel, hold");
        }
        return new Accepted<>(new ActionTaken(call, action));
    }

    private static Destination destination(Action a) {
        if (a.to() == null) {
            throw DomainException.invalid("to", "where to, e.g. {\"type\": \"user\", \"target\": \"<employee id>\"}");
        }
        return a.to();
    }

    private static Void run(Runnable r) {
        r.run();
        return null;
    }

    // ---- agents: queue logins (SB-07) and availability (APP-03)

    @PUT
    @Path("agents/{user}/queues/{queue}")
    public Views.Agent login(@PathParam("user") String user, @PathParam("queue") String queue,
                             @Context SecurityContext security) {
        return agent(security, user, (e, tenant, who) -> e.login(tenant, queue, who));
    }

    @DELETE
    @Path("agents/{user}/queues/{queue}")
    public Views.Agent logout(@PathParam("user") String user, @PathParam("queue") String queue,
                              @Context SecurityContext security) {
        return agent(security, user, (e, tenant, who) -> e.logout(tenant, queue, who));
    }

    @PUT
    @Path("agents/{user}/availability")
    @Consumes(MediaType.APPLICATION_JSON)
    public Views.Agent availability(@PathParam("user") String user, AvailabilityChange body,
                                    @Context SecurityContext security) {
        String value = body == null ? null : body.availability();
        Availability availability;
        try {
            availability = Availability.valueOf(String.valueOf(value).toUpperCase().replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("availability", "one of available, busy, meeting, away, off-work");
        }
        return agent(security, user, (e, tenant, who) -> e.setAvailability(tenant, who, availability));
    }

    /** A change to an agent's state by themselves or an operator. */
    private interface AgentChange {
        void apply(Engine engine, String tenant, String user);
    }

    /** Applies the change, saves the agent's state for restarts and answers with their wallboard line. */
    private Views.Agent agent(SecurityContext security, String user, AgentChange change) {
        SentralPrincipal p = caller(security);
        String tenant = p.requireTenant();
        String who = self(p, user);
        host.ask(tenant, e -> run(() -> change.apply(e, tenant, who)));
        return host.saveAgent(tenant, who, p.getName());
    }

    /** Click to dial (PBX-14): {@code {"number": "+4798765432"}}; the caller's own phone rings first. */
    @POST
    @Path("dial")
    @Consumes(MediaType.APPLICATION_JSON)
    public Accepted<Dialled> dial(Dial body, @Context SecurityContext security) {
        SentralPrincipal p = caller(security);
        String tenant = p.requireTenant();
        String me = me(p);
        if (body == null) {
            throw DomainException.malformed("a JSON body {\"number\"} is required");
        }
        String call = host.ask(tenant, e -> e.clickToDial(tenant, me, body.number()));
        return new Accepted<>(new Dialled(call));
    }

    // ---- history

    /** 15-minute statistics of a queue, group or agent; the period defaults to today in Oslo, at most 31 days. */
    @GET
    @Path("stats/{kind}/{id}")
    public List<History.Bucket> stats(@PathParam("kind") String kind, @PathParam("id") String id,
                                      @QueryParam("from") @Format(Format.Kind.DATE_TIME) String from,
                                      @QueryParam("to") @Format(Format.Kind.DATE_TIME) String to,
                                      @Context SecurityContext security) {
        SentralPrincipal p = caller(security);
        requireOperator(p);
        if (!List.of("queue", "group", "agent").contains(kind)) {
            throw DomainException.notFound("statistics of '" + kind + "'; kinds: queue, group, agent");
        }
        Instant[] period = period(from, to);
        return history.buckets(p.requireTenant(), kind, id, period[0], period[1]);
    }

    /** A call log (PBX-10): the caller's own, an operator's choice of employee, or all the company's calls. */
    @GET
    @Path("call-log")
    public List<History.LogEntry> callLog(@QueryParam("user") String user, @QueryParam("all") boolean all,
                                          @QueryParam("from") @Format(Format.Kind.DATE_TIME) String from,
                                          @QueryParam("to") @Format(Format.Kind.DATE_TIME) String to,
                                          @QueryParam("limit") @DefaultValue("100") @Range(min = 1, max = 1000)
                                          int limit, @Context SecurityContext security) {
        SentralPrincipal p = caller(security);
        if (all) {
            requireOperator(p);
        }
        Instant[] period = period(from, to);
        return history.log(p.requireTenant(), all ? null : self(p, user), period[0], period[1], limit);
    }

    /** The path of an ended call (SB-02), as its CDR keeps it. */
    @GET
    @Path("call-log/{call}")
    public List<Hop> path(@PathParam("call") String call, @Context SecurityContext security) {
        SentralPrincipal p = caller(security);
        requireOperator(p);
        List<Hop> path = history.path(p.requireTenant(), call);
        if (path == null) {
            throw DomainException.notFound("ended call " + call);
        }
        return path;
    }

    private static Instant[] period(String from, String to) {
        Instant start = from == null ? LocalDate.now(OSLO).atStartOfDay(OSLO).toInstant() : Parse.instant("from", from);
        Instant end = to == null ? start.plus(Duration.ofDays(1)) : Parse.instant("to", to);
        if (!end.isAfter(start)) {
            throw DomainException.invalid("to", "after from");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw DomainException.invalid("to", "at most 31 days after from");
        }
        return new Instant[] {start, end};
    }
}
