package no.sentral.organisation.internal.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.organisation.Agreement;
import no.sentral.api.organisation.Agreements;
import no.sentral.api.organisation.Company;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.jdbc.Sql;
import no.sentral.api.spi.jdbc.Transaction;
import no.sentral.api.spi.jdbc.Transactions;
import no.sentral.api.spi.rest.Pattern;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Size;
import no.sentral.organisation.internal.domain.AddonRules;
import no.sentral.organisation.internal.domain.Fields;
import no.sentral.organisation.internal.domain.Identifiers;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.organisation.internal.store.OrgRows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A company's registered details, kept by its company admin, and its agreement with the operator
 * (the price plans it may use and the add-ons on offer), set by the platform admin.
 */
@Component(service = {CompanyService.class, Agreements.class})
public class CompanyService implements Agreements {

    /** What a company admin sends for the company's details. */
    public record CompanyInput(@Required @Size(min = 1, max = Fields.MAX_NAME) String name,
                               @Required @Pattern(value = "^[0-9 ]{9,11}$", message = "nine digits") String orgNumber,
                               String address, @Pattern(value = "^[0-9]{4}$", message = "four digits") String postalCode,
                               String city) {
    }

    private final OrgDatabase database;
    private final Scopes scopes;
    private final Changes changes;
    private final Transactions transactions;

    @Activate
    public CompanyService(@Reference OrgDatabase database, @Reference Scopes scopes, @Reference Changes changes,
                          @Reference Transactions transactions) {
        this.database = database;
        this.scopes = scopes;
        this.changes = changes;
        this.transactions = transactions;
    }

    public Company get(SentralPrincipal caller) {
        String tenant = caller.requireTenant();
        return database.read(c -> Sql.one(c, OrgRows.COMPANY + " WHERE tenant = ?", OrgRows::company, tenant))
                .orElseThrow(() -> DomainException.notFound("the details of company " + tenant));
    }

    /** Registers or changes the company's details (company admin). */
    public Company put(SentralPrincipal caller, Integer version, CompanyInput input) {
        return changes.run(caller, (tx, scope) -> put(tx, scope, version, input));
    }

    public Company put(Transaction tx, Scope scope, Integer version, CompanyInput input) throws SQLException {
        CompanyInput valid = validate(input);
        scope.requireCompanyAdmin("change the company's details");
        Connection c = tx.connection();
        Company before = Sql.one(c, OrgRows.COMPANY + " WHERE tenant = ? FOR UPDATE", OrgRows::company,
                scope.tenant()).orElse(null);
        if (before == null) {
            Sql.update(c, "INSERT INTO org_company (tenant, name, org_number, address, postal_code, city)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", scope.tenant(), valid.name(), valid.orgNumber(), valid.address(),
                    valid.postalCode(), valid.city());
        } else {
            if (version == null) {
                throw DomainException.versionRequired("the company's details exist: send If-Match with"
                        + " the ETag you read");
            }
            Changes.requireVersion(version, before.version(), "the company's details");
            Sql.update(c, "UPDATE org_company SET name = ?, org_number = ?, address = ?, postal_code = ?, city = ?,"
                    + " version = version + 1 WHERE tenant = ?", valid.name(), valid.orgNumber(), valid.address(),
                    valid.postalCode(), valid.city(), scope.tenant());
        }
        Company after = Sql.one(c, OrgRows.COMPANY + " WHERE tenant = ?", OrgRows::company, scope.tenant())
                .orElseThrow();
        tx.audit("company", scope.tenant(), before == null ? "created" : "changed", before, after);
        tx.publish(Changes.event("org", "company-changed"), scope.tenant(), after);
        return after;
    }

    public Agreement agreement(SentralPrincipal caller) {
        return agreement(caller.requireTenant());
    }

    @Override
    public Agreement agreement(String tenant) {
        return database.read(c -> {
            requireCompany(c, tenant);
            return read(c, tenant);
        });
    }

    /**
     * Replaces a company's agreement (platform admin or operator systems). A price plan still used by a
     * live subscription cannot be removed, nor change its kind or data; add-ons taken off the offer stay
     * on the subscriptions that have them.
     */
    @Override
    public Agreement setAgreement(String actor, String tenant, Agreement agreement) {
        return transactions.inTransaction(tenant, actor, tx -> {
            requireCompany(tx.connection(), tenant);
            return setAgreement(tx, agreement);
        });
    }

    /** The platform admin names companies by id: one that does not exist is not found, and gets no agreement. */
    private static void requireCompany(Connection c, String tenant) throws SQLException {
        if (Sql.one(c, "SELECT 1 FROM platform_tenant WHERE id = ?", rs -> true, tenant).isEmpty()) {
            throw DomainException.notFound("company " + tenant);
        }
    }

    public Agreement setAgreement(Transaction tx, Agreement agreement) throws SQLException {
        validate(agreement);
        Connection c = tx.connection();
        String tenant = tx.tenant();
        Agreement before = read(c, tenant);
        Set<String> kept = new HashSet<>();
        for (PricePlan plan : agreement.pricePlans()) {
            kept.add(plan.code());
            PricePlan old = OrgRows.pricePlan(c, tenant, plan.code(), false).orElse(null);
            long users = old == null ? 0 : liveSubscriptions(c, tenant, plan.code());
            if (users > 0 && (old.kind() != plan.kind() || !Objects.equals(old.dataGb(), plan.dataGb()))) {
                // Its subscriptions' add-ons were checked against what it includes (Data Rollover needs 6 GB).
                throw DomainException.conflict("price plan " + plan.code() + " is used by " + users + " subscription(s):"
                        + " its kind and data cannot change; add a new plan and move them to it");
            }
            Sql.update(c, "INSERT INTO org_price_plan (tenant, code, name, kind, data_gb, monthly_price_ore)"
                    + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, code) DO UPDATE SET name = excluded.name,"
                    + " kind = excluded.kind, data_gb = excluded.data_gb,"
                    + " monthly_price_ore = excluded.monthly_price_ore, withdrawn = false", tenant, plan.code(),
                    plan.name(), plan.kind(), plan.dataGb(), plan.monthlyPriceOre());
        }
        for (PricePlan old : before.pricePlans()) {
            if (!kept.contains(old.code())) {
                long users = liveSubscriptions(c, tenant, old.code());
                if (users > 0) {
                    throw DomainException.conflict("price plan " + old.code() + " is used by " + users
                            + " subscription(s): move them to another plan before removing it");
                }
                // Terminated subscriptions keep naming it: then it is only taken out of the agreement.
                Sql.update(c, "UPDATE org_price_plan SET withdrawn = true WHERE tenant = ? AND code = ?", tenant,
                        old.code());
                Sql.update(c, "DELETE FROM org_price_plan p WHERE tenant = ? AND code = ? AND NOT EXISTS"
                        + " (SELECT 1 FROM org_subscription s WHERE s.tenant = p.tenant AND s.price_plan = p.code)",
                        tenant, old.code());
            }
        }
        Sql.update(c, "DELETE FROM org_addon_offer WHERE tenant = ?", tenant);
        for (String code : new HashSet<>(agreement.addons())) {
            Sql.update(c, "INSERT INTO org_addon_offer (tenant, code) VALUES (?, ?)", tenant, code);
        }
        Agreement after = read(c, tenant);
        tx.audit("agreement", tenant, "changed", before, after);
        tx.publish(Changes.event("org", "agreement-changed"), tenant, after);
        return after;
    }

    private static long liveSubscriptions(Connection c, String tenant, String plan) throws SQLException {
        return Sql.one(c, "SELECT count(*) FROM org_subscription WHERE tenant = ? AND price_plan = ?"
                + " AND status <> 'TERMINATED'", rs -> rs.getLong(1), tenant, plan).orElse(0L);
    }

    private static Agreement read(Connection c, String tenant) throws SQLException {
        return new Agreement(OrgRows.offeredPlans(c, tenant), List.copyOf(OrgRows.addonOffers(c, tenant)));
    }

    private static void validate(Agreement agreement) {
        if (agreement == null) {
            throw DomainException.malformed("a JSON body {\"pricePlans\", \"addons\"} is required");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < agreement.pricePlans().size(); i++) {
            PricePlan p = agreement.pricePlans().get(i);
            String field = "pricePlans[" + i + "]";
            if (p.code() == null || !p.code().matches("[a-z0-9][a-z0-9-]{0,39}")) {
                errors.add(new FieldError(field + ".code", "1-40 lower-case letters, digits or '-'"));
                continue;
            }
            if (!codes.add(p.code())) {
                errors.add(new FieldError(field + ".code", "'" + p.code() + "' appears more than once"));
            }
            if (p.name() == null || p.name().isBlank()) {
                errors.add(new FieldError(field + ".name", "required"));
            }
            if (p.kind() == null) {
                errors.add(new FieldError(field + ".kind", "MOBILE or FIXED"));
            } else if (p.kind() == SubscriptionKind.MOBILE && (p.dataGb() == null || p.dataGb() < 0)) {
                errors.add(new FieldError(field + ".dataGb", "a mobile plan says how many GB it includes (0 or more)"));
            } else if (p.kind() == SubscriptionKind.FIXED && p.dataGb() != null) {
                errors.add(new FieldError(field + ".dataGb", "a fixed-line plan includes no data"));
            }
            if (p.monthlyPriceOre() < 0) {
                errors.add(new FieldError(field + ".monthlyPriceOre", "0 or more (øre)"));
            }
        }
        for (String addon : agreement.addons()) {
            if (!AddonRules.CODES.contains(addon)) {
                errors.add(new FieldError("addons", "unknown add-on '" + addon + "'; add-ons: "
                        + String.join(", ", AddonRules.CODES)));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
    }

    private static CompanyInput validate(CompanyInput input) {
        if (input == null) {
            throw DomainException.malformed("a JSON body describing the company is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (input.name() == null || input.name().isBlank()) {
            errors.add(new FieldError("name", "required"));
        }
        String orgNumber = Identifiers.orgNumber(input.orgNumber()).orElse(null);
        if (orgNumber == null) {
            errors.add(new FieldError("orgNumber", "not a valid Norwegian organisation number (9 digits, mod-11"
                    + " check digit): " + input.orgNumber()));
        }
        String postalCode = Fields.text(input.postalCode());
        if (postalCode != null && !postalCode.matches("[0-9]{4}")) {
            errors.add(new FieldError("postalCode", "four digits"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new CompanyInput(input.name().strip(), orgNumber, Fields.text(input.address()),
                postalCode, Fields.text(input.city()));
    }
}
