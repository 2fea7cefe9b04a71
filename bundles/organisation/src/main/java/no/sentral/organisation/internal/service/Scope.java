package no.sentral.organisation.internal.service;

import java.util.Set;
import java.util.UUID;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.domain.DepartmentTree;

/**
 * What one caller may see and change inside their company (LINK-06). Company admins: everything.
 * Department admins: their departments and everything below them. Employees: themselves and their
 * own subscriptions. Switchboard operators read the directory (departments, employees,
 * contacts); payroll reads it and the subscriptions. Employees keep their own profile (e-mail,
 * mobile, title, language, photo) and their own numbers' directory listing up to date. Anything
 * outside the scope answers 404, as if it did not exist; something visible but not changeable 403.
 */
public final class Scope {

    private final SentralPrincipal principal;
    private final boolean companyAdmin;
    private final boolean readsDirectory;
    private final boolean readsSubscriptions;
    private final Set<String> administered;
    private final Employee self;

    Scope(SentralPrincipal principal, DepartmentTree tree, Employee self) {
        this.principal = principal;
        this.companyAdmin = principal.has(Role.COMPANY_ADMIN);
        this.readsDirectory = companyAdmin || principal.has(Role.SWITCHBOARD_OPERATOR) || principal.has(Role.PAYROLL);
        this.readsSubscriptions = companyAdmin || principal.has(Role.PAYROLL);
        this.administered = principal.has(Role.DEPARTMENT_ADMIN) ? tree.subtrees(principal.departments()) : Set.of();
        this.self = principal.has(Role.EMPLOYEE) ? self : null;
    }

    public String tenant() {
        return principal.tenant();
    }

    public boolean isCompanyAdmin() {
        return companyAdmin;
    }

    /** The departments this caller sees: null for all of them. */
    public Set<String> visibleDepartments() {
        if (readsDirectory) {
            return null;
        }
        if (self == null) {
            return administered;
        }
        Set<String> visible = new java.util.HashSet<>(administered);
        visible.add(self.departmentId());
        return visible;
    }

    /** The departments whose people this caller sees besides themselves: null for all of them. */
    public Set<String> employeeDepartments() {
        return readsDirectory ? null : administered;
    }

    /** The departments whose subscriptions this caller sees: null for all of them. */
    public Set<String> subscriptionDepartments() {
        return readsSubscriptions ? null : administered;
    }

    /** The employee whose own data this caller sees, or null. */
    public String selfEmployeeId() {
        return self == null ? null : self.id();
    }

    public boolean seesDepartment(String id) {
        Set<String> visible = visibleDepartments();
        return visible == null || visible.contains(id);
    }

    public boolean seesEmployee(Employee e) {
        return readsDirectory || administered.contains(e.departmentId()) || isSelf(e.id());
    }

    public boolean seesSubscription(Subscription s) {
        return readsSubscriptions || administered.contains(s.departmentId()) || isSelf(s.employeeId());
    }

    /** Whether this caller changes organisation data in the department. */
    public boolean changes(String departmentId) {
        return companyAdmin || administered.contains(departmentId);
    }

    /** Refuses a change in a department the caller cannot change (404 when they cannot even see it). */
    public void requireChange(String departmentId, String what) {
        if (!changes(departmentId)) {
            if (!seesDepartment(departmentId)) {
                throw DomainException.notFound(what);
            }
            throw DomainException.forbidden("you may not change " + what);
        }
    }

    /** Whether this is the caller's own employee record. */
    public boolean isSelf(String employeeId) {
        return self != null && self.id().equals(employeeId);
    }

    /**
     * Refuses a change of something in {@code departmentId} unless the caller administers it, or it
     * belongs to the caller ({@code employeeId} is theirs). Returns true when only the latter holds.
     */
    public boolean requireChangeOrOwn(String departmentId, String employeeId, String what) {
        if (changes(departmentId)) {
            return false;
        }
        if (isSelf(employeeId)) {
            return true;
        }
        requireChange(departmentId, what);
        return false;
    }

    /** Refuses what only a company admin may do. */
    public void requireCompanyAdmin(String what) {
        if (!companyAdmin) {
            throw DomainException.forbidden("only a company admin may " + what);
        }
    }

    /** Refuses callers with no part in organisation administration at all. */
    public void requireAdmin(String what) {
        if (!companyAdmin && administered.isEmpty()) {
            throw DomainException.forbidden("only company and department admins may " + what);
        }
    }

    static UUID parse(String id, String what) {
        return no.sentral.api.spi.jdbc.Sql.uuid(id).orElseThrow(() -> DomainException.notFound(what));
    }
}
