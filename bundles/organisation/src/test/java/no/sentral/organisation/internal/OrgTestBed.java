package no.sentral.organisation.internal;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.domain.AddonRules;
import no.sentral.organisation.internal.domain.Identifiers;
import no.sentral.organisation.internal.io.Exporter;
import no.sentral.organisation.internal.io.Importer;
import no.sentral.organisation.internal.service.AccessService;
import no.sentral.organisation.internal.service.Changes;
import no.sentral.organisation.internal.service.CompanyService;
import no.sentral.api.organisation.Agreement;
import no.sentral.organisation.internal.service.ContactService;
import no.sentral.organisation.internal.service.DepartmentService;
import no.sentral.organisation.internal.service.EmployeeService;
import no.sentral.organisation.internal.service.EquipmentService;
import no.sentral.organisation.internal.service.Scopes;
import no.sentral.organisation.internal.service.SimService;
import no.sentral.organisation.internal.service.SubscriptionService;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.persistence.internal.JdbcAuditLog;
import no.sentral.persistence.internal.JdbcTransactions;
import no.sentral.security.internal.CredentialChanges;
import no.sentral.security.internal.SessionStore;
import no.sentral.security.internal.AccountStore;
import no.sentral.security.internal.TenantStore;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import no.sentral.persistence.internal.testing.TestPostgres;

/**
 * The organisation services wired by hand on a fresh, real PostgreSQL database with the platform's
 * and the organisation's migrations, two companies ({@code acme}, {@code initech}) and an agreement.
 */
public final class OrgTestBed {

    public static final String ACME = "acme";
    public static final String INITECH = "initech";

    public final DataSource db;
    public final TenantStore tenants;
    public final AccountStore accounts;
    public final JdbcTransactions transactions;
    public final OrgDatabase database;
    public final Scopes scopes;
    public final Changes changes;
    public final CompanyService companies;
    public final DepartmentService departments;
    public final EmployeeService employees;
    public final ContactService contacts;
    public final SubscriptionService subscriptions;
    public final SimService sims;
    public final EquipmentService equipment;
    public final AccessService access;
    public final Importer importer;
    public final Exporter exporter;

    private static int simSerial;

    public OrgTestBed(TestPostgres postgres) throws Exception {
        db = postgres.freshDatabase();
        ClasspathDatabase platform = new ClasspathDatabase(db);
        tenants = new TenantStore(platform);
        CredentialChanges credentialChanges = new CredentialChanges();
        accounts = new AccountStore(platform, tenants, credentialChanges, new SessionStore(platform));
        transactions = new JdbcTransactions(platform, () -> { }, Clock.systemUTC());
        database = new OrgDatabase(platform);
        scopes = new Scopes(database);
        changes = new Changes(transactions, scopes);
        companies = new CompanyService(database, scopes, changes, transactions);
        departments = new DepartmentService(database, scopes, changes, accounts);
        employees = new EmployeeService(database, scopes, changes);
        contacts = new ContactService(database, scopes, changes);
        subscriptions = new SubscriptionService(database, scopes, changes);
        sims = new SimService(database, scopes, changes);
        equipment = new EquipmentService(database, scopes, transactions);
        access = new AccessService(accounts, changes, scopes);
        importer = new Importer(changes, departments);
        exporter = new Exporter(database, scopes, new JdbcAuditLog(platform));
        for (String tenant : List.of(ACME, INITECH)) {
            tenants.create(tenant, tenant.toUpperCase());
            companies.setAgreement("operator", tenant, new Agreement(List.of(
                    new PricePlan("mobil-3", "Mobil 3 GB", SubscriptionKind.MOBILE, 3, 29_900),
                    new PricePlan("mobil-10", "Mobil 10 GB", SubscriptionKind.MOBILE, 10, 44_900),
                    new PricePlan("fast", "Fasttelefon", SubscriptionKind.FIXED, null, 19_900)), AddonRules.CODES));
        }
    }

    public static SentralPrincipal admin(String tenant) {
        return new SentralPrincipal("admin@" + tenant, tenant, EnumSet.of(Role.COMPANY_ADMIN), Set.of(), false);
    }

    public static SentralPrincipal departmentAdmin(String tenant, String... departments) {
        return new SentralPrincipal("depadmin@" + tenant, tenant, EnumSet.of(Role.DEPARTMENT_ADMIN),
                Set.of(departments), false);
    }

    public static SentralPrincipal employee(String tenant, String username) {
        return new SentralPrincipal(username, tenant, EnumSet.of(Role.EMPLOYEE), Set.of(), false);
    }

    public static SentralPrincipal operator(String tenant) {
        return new SentralPrincipal("operator@" + tenant, tenant, EnumSet.of(Role.SWITCHBOARD_OPERATOR), Set.of(),
                false);
    }

    /** A new, valid ICCID no other test has used. */
    public static synchronized String newIccid() {
        String body = String.format("8947%014d", ++simSerial);
        return body + Identifiers.luhnDigit(body);
    }

    public List<String> column(String sql) throws Exception {
        return TestPostgres.column(db, sql);
    }
}
