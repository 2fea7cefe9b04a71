package no.sentral.organisation.internal.service;

import static no.sentral.organisation.internal.OrgTestBed.ACME;
import static no.sentral.organisation.internal.OrgTestBed.admin;
import static no.sentral.organisation.internal.OrgTestBed.departmentAdmin;
import static no.sentral.organisation.internal.OrgTestBed.employee;
import static no.sentral.organisation.internal.OrgTestBed.newIccid;
import static no.sentral.organisation.internal.OrgTestBed.operator;
import static no.sentral.organisation.internal.service.SubscriptionServiceTest.kind;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import no.sentral.api.failure.DomainException.Kind;
import java.util.Set;
import no.sentral.api.organisation.Department;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.OrgTestBed;
import no.sentral.organisation.internal.service.AccessService.Grant;
import no.sentral.organisation.internal.service.DepartmentService.DepartmentInput;
import no.sentral.organisation.internal.service.EmployeeService.EmployeeInput;
import no.sentral.organisation.internal.service.SubscriptionService.Activation;
import no.sentral.organisation.internal.service.SubscriptionService.Filter;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** LINK-06: company admins see all, department admins their subtrees, employees themselves. */
class AccessScopeTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private OrgTestBed bed;
    private Department sales;
    private Department north;
    private Department support;
    private Subscription northLine;
    private Subscription supportLine;
    private Employee ola;

    @BeforeEach
    void setUp() throws Exception {
        bed = new OrgTestBed(postgres);
        sales = bed.departments.create(admin(ACME), new DepartmentInput("Salg", null, null));
        north = bed.departments.create(admin(ACME), new DepartmentInput("Nord", sales.id(), null));
        support = bed.departments.create(admin(ACME), new DepartmentInput("Kundeservice", null, null));
        ola = bed.employees.create(admin(ACME), new EmployeeInput(north.id(), "Ola", "ola@acme.no", null, null, null,
                null, "ola"));
        bed.employees.create(admin(ACME), new EmployeeInput(support.id(), "Per", "per@acme.no", null, null, null, null,
                null));
        northLine = activate("41234560", north, ola);
        supportLine = activate("41234561", support, null);
    }

    private Subscription activate(String number, Department department, Employee holder) {
        String iccid = newIccid();
        bed.sims.addToStock(admin(ACME), List.of(iccid));
        return bed.subscriptions.activate(admin(ACME), new Activation(number, SubscriptionKind.MOBILE,
                holder == null ? null : holder.id(), department.id(), "mobil-10", iccid, null, null, null))
                .subscription();
    }

    @Test
    void aDepartmentAdminSeesAndChangesTheirSubtreeOnly() {
        SentralPrincipal salesAdmin = departmentAdmin(ACME, sales.id());
        assertEquals(Set.of(sales.id(), north.id()), Set.copyOf(bed.departments.list(salesAdmin).stream()
                .map(Department::id).toList()));
        assertEquals(List.of(northLine.id()), bed.subscriptions.list(salesAdmin, null, Page.Window.of(0, 50)).items().stream()
                .map(Subscription::id).toList());
        assertEquals(List.of("Ola"), bed.employees.list(salesAdmin, null, null, Page.Window.of(0, 50)).items().stream()
                .map(Employee::name).toList());
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.subscriptions.get(salesAdmin, supportLine.id())));
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.subscriptions.move(salesAdmin, List.of(northLine.id()), support.id())));
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.departments.create(salesAdmin, new DepartmentInput("X", support.id(), null))));
        assertEquals(Kind.FORBIDDEN, kind(() -> bed.departments.create(salesAdmin, new DepartmentInput("Top", null, null))));
        assertEquals(Kind.FORBIDDEN, kind(() -> bed.sims.addToStock(salesAdmin, List.of(newIccid()))));
        // Inside the subtree everything works, and the audit log names the department admin.
        bed.departments.create(salesAdmin, new DepartmentInput("Tromsø", north.id(), null));
        bed.subscriptions.move(salesAdmin, List.of(northLine.id()), sales.id());
        assertEquals(sales.id(), bed.subscriptions.get(admin(ACME), northLine.id()).departmentId());
    }

    @Test
    void anEmployeeSeesOnlyTheirOwnAndKeepsTheirProfileUpToDate() {
        bed.employees.create(admin(ACME), new EmployeeInput(north.id(), "Kollega", null, null, null, null, null, null));
        SentralPrincipal me = employee(ACME, "ola");
        assertEquals(List.of(northLine.id()), bed.subscriptions.list(me, null, Page.Window.of(0, 50)).items().stream()
                .map(Subscription::id).toList());
        assertEquals(List.of("Ola"), bed.employees.list(me, null, null, Page.Window.of(0, 50)).items().stream()
                .map(Employee::name).toList());
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.subscriptions.get(me, supportLine.id())));
        assertEquals(Kind.FORBIDDEN, kind(() -> bed.subscriptions.terminate(me, northLine.id(), null)));
        assertEquals(Kind.FORBIDDEN, kind(() -> bed.employees.update(me, ola.id(), null, new EmployeeInput(north.id(), "Boss",
                null, null, null, null, null, "ola"))));
        assertEquals(Kind.FORBIDDEN, kind(() -> bed.employees.update(me, ola.id(), null, new EmployeeInput(sales.id(), "Ola",
                null, null, null, null, null, "ola"))));
        Employee updated = bed.employees.update(me, ola.id(), ola.version(), new EmployeeInput(north.id(), "Ola",
                "ola@acme.no", "41234599", "Selger", "en", null, "ola"));
        assertEquals(List.of("+4741234599", "en"), List.of(updated.mobile(), updated.language()));
        assertEquals(true, bed.subscriptions.setDirectory(me, northLine.id(), northLine.version(),
                new no.sentral.api.organisation.DirectoryListing(true, List.of("name"))).directory().listed());
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.subscriptions.setDirectory(me, supportLine.id(), null,
                no.sentral.api.organisation.DirectoryListing.unlisted())));
        assertEquals(Kind.FORBIDDEN, kind(() -> bed.subscriptions.setAddons(me, northLine.id(), null, List.of())));
        // Someone with the employee role but no employee record sees nothing.
        assertEquals(0, bed.subscriptions.list(employee(ACME, "nobody"), null, Page.Window.of(0, 50)).total());
    }

    @Test
    void theSwitchboardReadsTheDirectoryButNotSubscriptions() {
        assertEquals(2, bed.employees.list(operator(ACME), null, null, Page.Window.of(0, 50)).total());
        assertEquals(0, bed.subscriptions.list(operator(ACME), new Filter(null, false, null, null, null, null, null),
                Page.Window.of(0, 50)).total());
        assertEquals(Kind.FORBIDDEN, kind(() -> bed.departments.create(operator(ACME), new DepartmentInput("X", null, null))));
    }

    @Test
    void companyAdminsGrantDepartmentAccessThatMergesFollow() throws Exception {
        bed.access.grant(admin(ACME), "lise", new Grant(List.of("department-admin"), List.of(north.id()),
                "a-long-enough-password"));
        assertEquals(Kind.INVALID, kind(() -> bed.access.grant(admin(ACME), "x-user", new Grant(List.of("department-admin"),
                List.of(), "a-long-enough-password"))));
        assertEquals(Kind.INVALID, kind(() -> bed.access.grant(admin(ACME), "x-user", new Grant(List.of("department-admin"),
                List.of("00000000-0000-0000-0000-000000000000"), "a-long-enough-password"))));
        assertEquals(Kind.FORBIDDEN, kind(() -> bed.access.grant(departmentAdmin(ACME, sales.id()), "y-user",
                new Grant(List.of("company-admin"), List.of(), "a-long-enough-password"))));

        bed.access.grant(admin(ACME), "gone", new Grant(List.of("department-admin"), List.of(north.id()),
                "a-long-enough-password"));
        bed.access.revoke(admin(ACME), "gone");

        // Merging Nord into Salg moves its people and lines, and Lise now administers Salg.
        bed.departments.merge(admin(ACME), north.id(), null, sales.id());
        assertEquals(true, bed.accounts.find(ACME, "gone").orElseThrow().disabled(), "a revoked login stays revoked");
        assertEquals(sales.id(), bed.subscriptions.get(admin(ACME), northLine.id()).departmentId());
        assertEquals(sales.id(), bed.employees.get(admin(ACME), ola.id()).departmentId());
        assertEquals(Set.of(sales.id()), bed.accounts.find(ACME, "lise").orElseThrow().departments());
        assertEquals(Kind.NOT_FOUND, kind(() -> bed.departments.get(admin(ACME), north.id())));
        assertEquals(List.of("lise granted", "gone granted", "gone revoked", "gone changed", "lise changed"),
                bed.column("SELECT entity_id || ' ' || action FROM platform_audit_log WHERE entity_type = 'access'"
                        + " ORDER BY seq"));
    }

    @Test
    void theTreeChangesWithoutOrphansOrCycles() throws Exception {
        Department tromso = bed.departments.create(admin(ACME), new DepartmentInput("Tromsø", north.id(), null));
        assertEquals(Kind.INVALID, kind(() -> bed.departments.update(admin(ACME), sales.id(), null,
                new DepartmentInput("Salg", tromso.id(), null))));
        assertEquals(Kind.CONFLICT, kind(() -> bed.departments.delete(admin(ACME), north.id(), null)));
        assertEquals(Kind.CONFLICT, kind(() -> bed.departments.create(admin(ACME), new DepartmentInput("nord", sales.id(),
                null))));
        assertEquals(Kind.INVALID, kind(() -> bed.departments.merge(admin(ACME), sales.id(), null, tromso.id())));
        Department moved = bed.departments.update(admin(ACME), tromso.id(), tromso.version(),
                new DepartmentInput("Tromsø", support.id(), "300"));
        assertEquals(support.id(), moved.parentId());
        assertEquals(Kind.STALE, kind(() -> bed.departments.update(admin(ACME), tromso.id(), tromso.version(),
                new DepartmentInput("Stale", null, null))));
        bed.departments.delete(admin(ACME), tromso.id(), moved.version());
        assertEquals(List.of("created", "moved", "deleted"), bed.column("SELECT action FROM platform_audit_log"
                + " WHERE entity_id = '" + tromso.id() + "' ORDER BY seq"));
    }
}
