package no.sentral.organisation.internal.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.organisation.ShippingAddress;
import no.sentral.api.organisation.Sim;
import no.sentral.api.organisation.SimOrder;
import no.sentral.api.organisation.SimOrderStatus;
import no.sentral.api.organisation.SimStatus;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.jdbc.Sql;
import no.sentral.api.spi.jdbc.Transaction;
import no.sentral.organisation.internal.domain.Identifiers;
import no.sentral.organisation.internal.domain.Fields;
import no.sentral.organisation.internal.domain.SimOrders;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.organisation.internal.store.OrgRows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The company's SIM stock and the SIMs ordered for new subscriptions (LINK-05). */
@Component(service = SimService.class)
public class SimService {

    /** SIMs added to the stock at once. */
    public static final int MAX_STOCK = 10_000;

    static final String ORDER = "sim-order";

    private final OrgDatabase database;
    private final Scopes scopes;
    private final Changes changes;

    @Activate
    public SimService(@Reference OrgDatabase database, @Reference Scopes scopes, @Reference Changes changes) {
        this.database = database;
        this.scopes = scopes;
        this.changes = changes;
    }

    /** The SIMs: all of them for company admins; department admins see the unused ones they may activate. */
    public List<Sim> sims(SentralPrincipal caller, SimStatus status) {
        Scope scope = scopes.of(caller);
        scope.requireAdmin("see the SIM stock");
        SimStatus shown = scope.isCompanyAdmin() ? status : SimStatus.IN_STOCK;
        if (!scope.isCompanyAdmin() && status != null && status != SimStatus.IN_STOCK) {
            return List.of();
        }
        return database.read(c -> shown == null
                ? Sql.list(c, OrgRows.SIM + " WHERE s.tenant = ? ORDER BY s.iccid", OrgRows::sim, scope.tenant())
                : Sql.list(c, OrgRows.SIM + " WHERE s.tenant = ? AND s.status = ? ORDER BY s.iccid", OrgRows::sim,
                scope.tenant(), shown));
    }

    /** Adds unused SIMs the company holds to its stock: all of them or, if one is bad, none. */
    public List<Sim> addToStock(SentralPrincipal caller, List<String> iccids) {
        return changes.run(caller, (tx, scope) -> addToStock(tx, scope, iccids));
    }

    public List<Sim> addToStock(Transaction tx, Scope scope, List<String> iccids) throws SQLException {
        scope.requireCompanyAdmin("add SIMs to the stock");
        if (iccids == null || iccids.isEmpty() || iccids.size() > MAX_STOCK) {
            throw DomainException.invalid("iccids", "1-" + MAX_STOCK + " ICCIDs");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> valid = new LinkedHashSet<>();
        for (int i = 0; i < iccids.size(); i++) {
            String iccid = Fields.iccid("iccids[" + i + "]", iccids.get(i), errors);
            if (iccid != null && !valid.add(iccid)) {
                errors.add(new FieldError("iccids[" + i + "]", iccid + " appears more than once"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        List<Sim> added = new ArrayList<>();
        for (String iccid : valid) {
            Sql.update(tx.connection(), "INSERT INTO org_sim (iccid, tenant, status) VALUES (?, ?, 'IN_STOCK')", iccid,
                    scope.tenant());
            Sim sim = new Sim(iccid, SimStatus.IN_STOCK, null);
            tx.audit("sim", iccid, "added", null, sim);
            added.add(sim);
        }
        return added;
    }

    /** The newest 1,000 orders for subscriptions the caller sees. */
    public List<SimOrder> orders(SentralPrincipal caller, SimOrderStatus status) {
        Scope scope = scopes.of(caller);
        scope.requireAdmin("see SIM orders");
        List<Object> args = new ArrayList<>();
        args.add(scope.tenant());
        if (status != null) {
            args.add(status);
        }
        String subscriptions = SubscriptionService.where(scope, null, args);
        return database.read(c -> Sql.list(c, OrgRows.SIM_ORDER + " WHERE tenant = ?" + (status == null ? ""
                : " AND status = ?") + " AND subscription_id IN (SELECT id FROM org_subscription" + subscriptions + ")"
                + " ORDER BY created_at DESC LIMIT 1000", OrgRows::simOrder, args.toArray()));
    }

    public SimOrder order(SentralPrincipal caller, String id) {
        Scope scope = scopes.of(caller);
        return database.read(c -> visibleOrder(c, scope, id));
    }

    /**
     * Moves an order on: {@code SENT} with the ICCID of the SIM in the envelope, {@code ACTIVATED} when
     * the SIM is in use (the subscription becomes active), or {@code CANCELLED} (the pending
     * subscription ends and its number is free again).
     */
    public SimOrder advance(SentralPrincipal caller, String id, Integer version, SimOrderStatus to, String iccid) {
        return changes.run(caller, (tx, scope) -> {
            Connection c = tx.connection();
            SimOrder before = visibleOrder(c, scope, id);
            Subscription subscription = SubscriptionService.visible(c, scope, before.subscriptionId());
            scope.requireChange(subscription.departmentId(), "SIM order " + id);
            Changes.requireVersion(version, before.version(), "SIM order " + id);
            SimOrders.checkTransition(before.status(), to);
            UUID order = UUID.fromString(id);
            switch (to) {
                case SENT -> {
                    List<FieldError> invalid = new ArrayList<>();
                    String sim = Fields.iccid("iccid", iccid, invalid);
                    if (sim == null) {
                        throw DomainException.invalid(invalid);
                    }
                    Sql.update(c, "INSERT INTO org_sim (iccid, tenant, status) VALUES (?, ?, 'ACTIVE')", sim,
                            scope.tenant());
                    Sql.update(c, "UPDATE org_subscription SET iccid = ?, version = version + 1 WHERE tenant = ?"
                            + " AND id = ?", sim, scope.tenant(), UUID.fromString(subscription.id()));
                    Sql.update(c, "UPDATE org_sim_order SET status = 'SENT', iccid = ?, updated_at = now(),"
                            + " version = version + 1 WHERE tenant = ? AND id = ?", sim, scope.tenant(), order);
                }
                case ACTIVATED -> {
                    Sql.update(c, "UPDATE org_subscription SET status = 'ACTIVE', version = version + 1"
                            + " WHERE tenant = ? AND id = ?", scope.tenant(), UUID.fromString(subscription.id()));
                    Sql.update(c, "UPDATE org_sim_order SET status = 'ACTIVATED', updated_at = now(),"
                            + " version = version + 1 WHERE tenant = ? AND id = ?", scope.tenant(), order);
                    Subscription active = OrgRows.subscription(c, scope.tenant(), UUID.fromString(subscription.id()))
                            .orElseThrow();
                    tx.audit(SubscriptionService.ENTITY, subscription.id(), "activated", subscription, active);
                    tx.publish(Changes.event("subscription", "activated"), subscription.id(), active);
                }
                default -> SubscriptionService.terminate(tx, subscription);
            }
            SimOrder after = visibleOrder(c, scope, id);
            tx.audit(ORDER, id, to.name().toLowerCase(), before, after);
            tx.publish(Changes.event("subscription", "sim-order-" + to.name().toLowerCase()), subscription.id(), after);
            return after;
        });
    }

    /** Places the order for a subscription being activated without a SIM in stock. */
    static SimOrder order(Transaction tx, Subscription subscription, ShippingAddress to) throws SQLException {
        UUID id = UUID.randomUUID();
        Sql.update(tx.connection(), "INSERT INTO org_sim_order (id, tenant, subscription_id, name, street, postal_code,"
                + " city, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'ORDERED')", id, tx.tenant(),
                UUID.fromString(subscription.id()), to.name().strip(), to.street().strip(), to.postalCode().strip(),
                to.city().strip());
        SimOrder order = Sql.one(tx.connection(), OrgRows.SIM_ORDER + " WHERE tenant = ? AND id = ?", OrgRows::simOrder,
                tx.tenant(), id).orElseThrow();
        tx.audit(ORDER, order.id(), "ordered", null, order);
        tx.publish(Changes.event("subscription", "sim-order-ordered"), subscription.id(), order);
        return order;
    }

    /** What is wrong with a shipping address, if anything. */
    static List<FieldError> check(ShippingAddress to) {
        List<FieldError> errors = new ArrayList<>();
        if (to.name() == null || to.name().isBlank()) {
            errors.add(new FieldError("shipTo.name", "who the SIM is for"));
        }
        if (to.street() == null || to.street().isBlank()) {
            errors.add(new FieldError("shipTo.street", "required"));
        }
        if (to.postalCode() == null || !to.postalCode().strip().matches("[0-9]{4}")) {
            errors.add(new FieldError("shipTo.postalCode", "four digits"));
        }
        if (to.city() == null || to.city().isBlank()) {
            errors.add(new FieldError("shipTo.city", "required"));
        }
        return errors;
    }

    private static SimOrder visibleOrder(Connection c, Scope scope, String id) throws SQLException {
        String what = "SIM order " + id;
        SimOrder order = Sql.one(c, OrgRows.SIM_ORDER + " WHERE tenant = ? AND id = ?" + OrgRows.lockInTransaction(c),
                OrgRows::simOrder, scope.tenant(), Scope.parse(id, what))
                .orElseThrow(() -> DomainException.notFound(what));
        SubscriptionService.visible(c, scope, order.subscriptionId());
        return order;
    }
}
