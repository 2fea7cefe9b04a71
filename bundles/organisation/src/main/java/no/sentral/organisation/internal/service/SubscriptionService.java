package no.sentral.organisation.internal.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.DirectoryListing;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.ShippingAddress;
import no.sentral.api.organisation.SimOrder;
import no.sentral.api.organisation.SimStatus;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.organisation.SubscriptionStatus;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.jdbc.Sql;
import no.sentral.api.spi.jdbc.Transaction;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Pattern;
import no.sentral.api.spi.rest.Patterns;
import no.sentral.api.spi.rest.Required;
import no.sentral.organisation.internal.domain.ActivationRules;
import no.sentral.organisation.internal.domain.ActivationRules.Refusal;
import no.sentral.organisation.internal.domain.AddonRules;
import no.sentral.organisation.internal.domain.DirectoryRules;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.organisation.internal.store.OrgRows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Fixed and mobile subscriptions (LINK-01..05): listing by department or any grouping, moving,
 * activation with a SIM in stock or an ordered SIM, add-ons and directory listing.
 */
@Component(service = SubscriptionService.class)
public class SubscriptionService {

    /** Subscriptions moved at once. */
    public static final int MAX_MOVE = 1000;

    static final String ENTITY = "subscription";
    private static final List<Page.Key> ORDER = List.of(new Page.Key("number", "?"), new Page.Key("id", "?::uuid"));

    /** A new subscription. A mobile one needs either {@code iccid} (a SIM in stock) or {@code shipTo}. */
    public record Activation(@Required @Pattern(value = Patterns.PHONE, message = Patterns.PHONE_RULE) String number,
                             SubscriptionKind kind, @Format(Format.Kind.UUID) String employeeId,
                             @Required @Format(Format.Kind.UUID) String departmentId, @Required String pricePlan,
                             String iccid, ShippingAddress shipTo, List<Addon> addons, DirectoryListing directory) {
    }

    /** Who holds a subscription, where it belongs and which plan it is on. */
    public record Holder(@Format(Format.Kind.UUID) String employeeId, @Format(Format.Kind.UUID) String departmentId,
                         String pricePlan) {
    }

    /** Filters for the list; null fields match everything. */
    public record Filter(String departmentId, boolean subDepartments, String employeeId, SubscriptionKind kind,
                         SubscriptionStatus status, String pricePlan, String number) {
    }

    /** What {@link #activate} created: the subscription, and its SIM order when the SIM is to be sent. */
    public record Activated(Subscription subscription, SimOrder simOrder) {
    }

    /** Ways to group the summary. */
    public enum Grouping {
        DEPARTMENT("department_id::text"), PRICE_PLAN("price_plan"), KIND("kind"), STATUS("status"),
        EMPLOYEE("employee_id::text");

        private final String column;

        Grouping(String column) {
            this.column = column;
        }
    }

    private final OrgDatabase database;
    private final Scopes scopes;
    private final Changes changes;

    @Activate
    public SubscriptionService(@Reference OrgDatabase database, @Reference Scopes scopes, @Reference Changes changes) {
        this.database = database;
        this.scopes = scopes;
        this.changes = changes;
    }

    public Page<Subscription> list(SentralPrincipal caller, Filter filter, Page.Window window) {
        Scope scope = scopes.of(caller);
        List<Object> args = new ArrayList<>();
        String where = where(scope, filter, args);
        return database.read(c -> Page.read(c, "org_subscription", OrgRows.SUBSCRIPTION, where, ORDER,
                s -> List.of(s.number(), s.id()), args, OrgRows::subscription, window));
    }

    /** How many subscriptions there are per department, plan, kind, status or employee (LINK-01). */
    public Map<String, Long> summary(SentralPrincipal caller, Filter filter, Grouping grouping) {
        Scope scope = scopes.of(caller);
        List<Object> args = new ArrayList<>();
        String where = where(scope, filter, args);
        return database.read(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            Sql.list(c, "SELECT coalesce(" + grouping.column + ", '-'), count(*) FROM org_subscription" + where
                    + " GROUP BY 1 ORDER BY 1", rs -> counts.put(rs.getString(1), rs.getLong(2)), args.toArray());
            return counts;
        });
    }

    public Subscription get(SentralPrincipal caller, String id) {
        Scope scope = scopes.of(caller);
        return database.read(c -> visible(c, scope, id));
    }

    public Activated activate(SentralPrincipal caller, Activation activation) {
        return changes.run(caller, (tx, scope) -> activate(tx, scope, activation));
    }

    /** Activates inside an open change, by the rules an import's rows follow too ({@link ActivationRules}). */
    public Activated activate(Transaction tx, Scope scope, Activation a) throws SQLException {
        if (a == null) {
            throw DomainException.malformed("a JSON body describing the subscription is required");
        }
        Connection c = tx.connection();
        Set<String> offered = OrgRows.addonOffers(c, scope.tenant());
        ActivationRules.Outcome checked = ActivationRules.check(new ActivationRules.Request(a.kind(), a.number(),
                a.pricePlan(), a.iccid(), a.shipTo() != null, a.addons(), a.directory()), new ActivationRules.Facts() {
                    @Override
                    public PricePlan plan(String code) {
                        return read(() -> OrgRows.pricePlan(c, scope.tenant(), code, true).orElse(null));
                    }

                    @Override
                    public Set<String> offeredAddons() {
                        return offered;
                    }

                    @Override
                    public SimStatus sim(String iccid) {
                        return read(() -> simStatus(c, scope.tenant(), iccid));
                    }
                });
        List<Refusal> refusals = new ArrayList<>(checked.refusals());
        if (a.shipTo() != null) {
            SimService.check(a.shipTo()).forEach(f -> refusals.add(new Refusal(f.field(), f.message(), false)));
        }
        if (checked.number() != null && !Sql.list(c, "SELECT 1 FROM org_subscription WHERE number = ?"
                + " AND status <> 'TERMINATED'", rs -> 1, checked.number()).isEmpty()) {
            refusals.add(ActivationRules.numberInUse(checked.number()));
        }
        if (refusals.stream().anyMatch(r -> !r.conflict())) {
            throw ActivationRules.failure(refusals);
        }
        Holder holder = checkHolder(c, scope, new Holder(a.employeeId(), a.departmentId(), a.pricePlan()));
        if (!refusals.isEmpty()) {
            throw ActivationRules.failure(refusals);
        }
        String iccid = checked.iccid();
        if (iccid != null) {
            takeFromStock(c, scope.tenant(), iccid, "iccid");
        }
        takeTwinSims(c, scope.tenant(), List.of(), checked.addons());
        UUID id = UUID.randomUUID();
        SubscriptionStatus status = checked.kind() == SubscriptionKind.MOBILE && iccid == null
                ? SubscriptionStatus.PENDING : SubscriptionStatus.ACTIVE;
        Sql.update(c, "INSERT INTO org_subscription (id, tenant, number, kind, status, employee_id, department_id,"
                        + " price_plan, iccid, addons, directory) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)",
                id, scope.tenant(), checked.number(), checked.kind(), status, uuidOrNull(holder.employeeId()),
                UUID.fromString(holder.departmentId()), checked.plan().code(), iccid, OrgRows.toJson(checked.addons()),
                OrgRows.toJson(checked.directory()));
        Subscription created = OrgRows.subscription(c, scope.tenant(), id).orElseThrow();
        tx.audit(ENTITY, created.id(), "activated", null, created);
        SimOrder order = null;
        if (status == SubscriptionStatus.PENDING) {
            order = SimService.order(tx, created, a.shipTo());
            tx.publish(Changes.event("subscription", "ordered"), created.id(), created);
        } else {
            tx.publish(Changes.event("subscription", "activated"), created.id(), created);
        }
        return new Activated(created, order);
    }

    @FunctionalInterface
    private interface Query<T> {
        T run() throws SQLException;
    }

    /** A read for the rules, which ask through plain methods. */
    private static <T> T read(Query<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new IllegalStateException("database read failed: " + e.getMessage(), e);
        }
    }

    /** Changes who holds the subscription, its department and its price plan. */
    public Subscription update(SentralPrincipal caller, String id, Integer version, Holder holder) {
        return changes.run(caller, (tx, scope) -> {
            Connection c = tx.connection();
            Subscription before = changeable(c, scope, id, version);
            Holder valid = checkHolder(c, scope, holder);
            String code = valid.pricePlan() == null ? before.pricePlan() : valid.pricePlan();
            PricePlan plan = OrgRows.pricePlan(c, scope.tenant(), code, !code.equals(before.pricePlan())).orElse(null);
            if (plan == null || plan.kind() != before.kind()) {
                throw DomainException.invalid("pricePlan", "not a " + before.kind().name().toLowerCase()
                        + " price plan in the company's agreement: " + code);
            }
            if (!plan.code().equals(before.pricePlan())) {
                // The add-ons it has must still make sense on the new plan (Data Rollover needs 6 GB).
                Set<String> kept = new HashSet<>(OrgRows.addonOffers(c, scope.tenant()));
                before.addons().forEach(x -> kept.add(x.code()));
                AddonRules.validate(plan, before.addons(), kept);
            }
            Sql.update(c, "UPDATE org_subscription SET employee_id = ?, department_id = ?, price_plan = ?,"
                    + " version = version + 1 WHERE tenant = ? AND id = ?", uuidOrNull(valid.employeeId()),
                    UUID.fromString(valid.departmentId()), plan.code(), scope.tenant(), UUID.fromString(id));
            return changed(tx, before, "changed", "changed");
        });
    }

    /** Moves one or many subscriptions to a department, all or none. */
    public List<Subscription> move(SentralPrincipal caller, List<String> ids, String departmentId) {
        if (ids == null || ids.isEmpty() || ids.size() > MAX_MOVE || ids.stream().anyMatch(Objects::isNull)) {
            throw DomainException.invalid("ids", "1-" + MAX_MOVE + " subscription ids");
        }
        return changes.run(caller, (tx, scope) -> {
            Connection c = tx.connection();
            DepartmentService.visible(c, scope, departmentId);
            scope.requireChange(departmentId, "department " + departmentId);
            List<Subscription> moved = new ArrayList<>();
            // Locked in one order (sorted ids), so that two moves of overlapping sets cannot wait for each other.
            for (String id : new java.util.TreeSet<>(ids)) {
                Subscription before = changeable(c, scope, id, null);
                if (before.departmentId().equals(departmentId)) {
                    moved.add(before);
                    continue;
                }
                Sql.update(c, "UPDATE org_subscription SET department_id = ?, version = version + 1"
                        + " WHERE tenant = ? AND id = ?", UUID.fromString(departmentId), scope.tenant(), UUID.fromString(id));
                moved.add(changed(tx, before, "moved", "moved"));
            }
            return moved;
        });
    }

    /** Replaces the add-on services (LINK-03); incompatible combinations are refused with the reason. */
    public Subscription setAddons(SentralPrincipal caller, String id, Integer version, List<Addon> addons) {
        return changes.run(caller, (tx, scope) -> {
            Connection c = tx.connection();
            Subscription before = changeable(c, scope, id, version);
            PricePlan plan = OrgRows.pricePlan(c, scope.tenant(), before.pricePlan(), false).orElseThrow();
            List<Addon> valid = AddonRules.validate(plan, addons == null ? List.of() : addons,
                    OrgRows.addonOffers(c, scope.tenant()));
            takeTwinSims(c, scope.tenant(), before.addons(), valid);
            Sql.update(c, "UPDATE org_subscription SET addons = ?::jsonb, version = version + 1"
                    + " WHERE tenant = ? AND id = ?", OrgRows.toJson(valid), scope.tenant(), UUID.fromString(id));
            return changed(tx, before, "addons-changed", "changed");
        });
    }

    /** What is sent to directory services for the number (LINK-04). */
    public Subscription setDirectory(SentralPrincipal caller, String id, Integer version, DirectoryListing listing) {
        DirectoryListing valid = DirectoryRules.validate(listing);
        return changes.run(caller, (tx, scope) -> {
            // The holder decides what the directory shows of their own number, as admins may.
            Subscription before = changeable(tx.connection(), scope, id, version,
                    s -> scope.requireChangeOrOwn(s.departmentId(), s.employeeId(), "subscription " + id));
            Sql.update(tx.connection(), "UPDATE org_subscription SET directory = ?::jsonb, version = version + 1"
                    + " WHERE tenant = ? AND id = ?", OrgRows.toJson(valid), scope.tenant(), UUID.fromString(id));
            return changed(tx, before, "directory-changed", "directory-changed");
        });
    }

    /** Ends a subscription: its SIMs are closed, an open SIM order is cancelled and the number is free again. */
    public Subscription terminate(SentralPrincipal caller, String id, Integer version) {
        return changes.run(caller, (tx, scope) -> terminate(tx, changeable(tx.connection(), scope, id, version)));
    }

    static Subscription terminate(Transaction tx, Subscription before) throws SQLException {
        Connection c = tx.connection();
        List<String> sims = new ArrayList<>();
        if (before.iccid() != null) {
            sims.add(before.iccid());
        }
        before.addons().stream().filter(x -> AddonRules.TWIN_SIM.equals(x.code())).forEach(x -> sims.add(x.iccid()));
        Sql.update(c, "UPDATE org_sim SET status = 'CLOSED' WHERE tenant = ? AND iccid = ANY(?)", tx.tenant(),
                sims.toArray(String[]::new));
        Sql.update(c, "UPDATE org_sim_order SET status = 'CANCELLED', updated_at = now(), version = version + 1"
                + " WHERE tenant = ? AND subscription_id = ? AND status IN ('ORDERED', 'SENT')", tx.tenant(),
                UUID.fromString(before.id()));
        Sql.update(c, "UPDATE org_subscription SET status = 'TERMINATED', iccid = NULL, version = version + 1"
                + " WHERE tenant = ? AND id = ?", tx.tenant(), UUID.fromString(before.id()));
        return changed(tx, before, "terminated", "terminated");
    }

    private static Subscription changed(Transaction tx, Subscription before, String action, String event)
            throws SQLException {
        Subscription after = OrgRows.subscription(tx.connection(), tx.tenant(), UUID.fromString(before.id()))
                .orElseThrow();
        tx.audit(ENTITY, before.id(), action, before, after);
        tx.publish(Changes.event("subscription", event), before.id(), after);
        return after;
    }

    private static Subscription changeable(Connection c, Scope scope, String id, Integer version) throws SQLException {
        return changeable(c, scope, id, version, s -> scope.requireChange(s.departmentId(), "subscription " + id));
    }

    /** The subscription, checked for a change: {@code permission}, the version the caller read, not terminated. */
    private static Subscription changeable(Connection c, Scope scope, String id, Integer version,
                                           Consumer<Subscription> permission) throws SQLException {
        Subscription s = visible(c, scope, id);
        permission.accept(s);
        Changes.requireVersion(version, s.version(), "subscription " + id);
        if (s.status() == SubscriptionStatus.TERMINATED) {
            throw DomainException.conflict("subscription " + s.number() + " is terminated");
        }
        return s;
    }

    static Subscription visible(Connection c, Scope scope, String id) throws SQLException {
        String what = "subscription " + id;
        Subscription s = OrgRows.subscription(c, scope.tenant(), Scope.parse(id, what))
                .orElseThrow(() -> DomainException.notFound(what));
        if (!scope.seesSubscription(s)) {
            throw DomainException.notFound(what);
        }
        return s;
    }

    /** The holder, checked: the department (and the employee, if any) exist, are visible and changeable. */
    private static Holder checkHolder(Connection c, Scope scope, Holder holder) throws SQLException {
        if (holder == null || holder.departmentId() == null) {
            throw DomainException.invalid("departmentId", "the department the subscription belongs to");
        }
        DepartmentService.visible(c, scope, holder.departmentId());
        scope.requireChange(holder.departmentId(), "department " + holder.departmentId());
        if (holder.employeeId() != null) {
            EmployeeService.visible(c, scope, holder.employeeId());
        }
        return holder;
    }

    /** Takes an unused SIM out of the company's stock; a SIM elsewhere or in use is refused. */
    static void takeFromStock(Connection c, String tenant, String iccid, String field) throws SQLException {
        Refusal refusal = ActivationRules.stock(field, iccid, simStatus(c, tenant, iccid));
        if (refusal != null) {
            throw ActivationRules.failure(List.of(refusal));
        }
        Sql.update(c, "UPDATE org_sim SET status = 'ACTIVE' WHERE tenant = ? AND iccid = ?", tenant, iccid);
    }

    /** The status of the company's SIM, locked until the change commits; null when the company has no such SIM. */
    private static SimStatus simStatus(Connection c, String tenant, String iccid) throws SQLException {
        return Sql.one(c, "SELECT status FROM org_sim WHERE tenant = ? AND iccid = ? FOR UPDATE",
                rs -> SimStatus.valueOf(rs.getString(1)), tenant, iccid).orElse(null);
    }

    /** Twin SIMs added are taken from stock; twin SIMs removed are closed. */
    private static void takeTwinSims(Connection c, String tenant, List<Addon> before, List<Addon> after)
            throws SQLException {
        Set<String> old = twinSims(before);
        Set<String> now = twinSims(after);
        for (String iccid : now) {
            if (!old.contains(iccid)) {
                takeFromStock(c, tenant, iccid, "addons.twin-sim.iccid");
            }
        }
        for (String iccid : old) {
            if (!now.contains(iccid)) {
                Sql.update(c, "UPDATE org_sim SET status = 'CLOSED' WHERE tenant = ? AND iccid = ?", tenant, iccid);
            }
        }
    }

    private static Set<String> twinSims(List<Addon> addons) {
        Set<String> sims = new HashSet<>();
        addons.stream().filter(x -> AddonRules.TWIN_SIM.equals(x.code())).forEach(x -> sims.add(x.iccid()));
        return sims;
    }

    /** The WHERE clause of the subscriptions {@code scope} sees that match {@code filter}; adds its arguments. */
    static String where(Scope scope, Filter filter, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE tenant = ?");
        args.add(scope.tenant());
        Set<String> departments = scope.subscriptionDepartments();
        if (departments != null) {
            where.append(" AND (department_id = ANY(?)");
            args.add(departments.stream().map(UUID::fromString).toArray(UUID[]::new));
            if (scope.selfEmployeeId() != null) {
                where.append(" OR employee_id = ?");
                args.add(UUID.fromString(scope.selfEmployeeId()));
            }
            where.append(")");
        }
        Filter f = Objects.requireNonNullElse(filter, new Filter(null, false, null, null, null, null, null));
        if (f.departmentId() != null) {
            UUID department = Sql.uuid(f.departmentId()).orElseThrow(() ->
                    DomainException.invalid("department", "not a department id"));
            if (f.subDepartments()) {
                where.append(" AND department_id IN (WITH RECURSIVE sub(id) AS (SELECT ?::uuid UNION"
                        + " SELECT d.id FROM org_department d JOIN sub ON d.parent_id = sub.id WHERE d.tenant = ?)"
                        + " SELECT id FROM sub)");
                args.add(department);
                args.add(scope.tenant());
            } else {
                where.append(" AND department_id = ?");
                args.add(department);
            }
        }
        if (f.employeeId() != null) {
            where.append(" AND employee_id = ?");
            args.add(Sql.uuid(f.employeeId()).orElseThrow(() -> DomainException.invalid("employee", "not an employee id")));
        }
        if (f.kind() != null) {
            where.append(" AND kind = ?");
            args.add(f.kind());
        }
        if (f.status() != null) {
            where.append(" AND status = ?");
            args.add(f.status());
        }
        if (f.pricePlan() != null) {
            where.append(" AND price_plan = ?");
            args.add(f.pricePlan());
        }
        if (f.number() != null && !f.number().isBlank()) {
            // Numbers are stored in E.164: a search for "9876" finds +4798765432.
            where.append(" AND number LIKE ?");
            args.add("%" + f.number().replaceAll("[^0-9+]", "") + "%");
        }
        return where.toString();
    }

    private static UUID uuidOrNull(String id) {
        return id == null ? null : UUID.fromString(id);
    }
}
