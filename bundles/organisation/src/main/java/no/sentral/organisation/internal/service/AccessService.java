package no.sentral.organisation.internal.service;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import no.sentral.api.failure.FieldError;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.Accounts;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.domain.DepartmentTree;
import no.sentral.organisation.internal.store.OrgRows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Who may use Link (LINK-06): company admins grant access to the whole company or to departments. */
@Component(service = AccessService.class)
public class AccessService {

    static final String ENTITY = "access";

    /** A grant: the roles, the departments (for department admins) and, for a new login, its password. */
    public record Grant(List<String> roles, List<String> departments, String password) {
    }

    private final Accounts accounts;
    private final Changes changes;
    private final Scopes scopes;

    @Activate
    public AccessService(@Reference Accounts accounts, @Reference Changes changes, @Reference Scopes scopes) {
        this.accounts = accounts;
        this.changes = changes;
        this.scopes = scopes;
    }

    public List<Accounts.Account> list(SentralPrincipal caller) {
        scopes.of(caller).requireCompanyAdmin("see who has access");
        return accounts.list(caller.requireTenant());
    }

    public Accounts.Account get(SentralPrincipal caller, String username) {
        scopes.of(caller).requireCompanyAdmin("see who has access");
        return accounts.find(caller.requireTenant(), username)
                .orElseThrow(() -> DomainException.notFound("login " + username));
    }

    public Accounts.Account grant(SentralPrincipal caller, String username, Grant grant) {
        if (grant == null) {
            throw DomainException.malformed("a JSON body {\"roles\", \"departments\", \"password\"} is required");
        }
        Set<Role> roles = roles(grant.roles());
        Set<String> departments = new HashSet<>(grant.departments() == null ? List.of() : grant.departments());
        return changes.run(caller, (tx, scope) -> {
            scope.requireCompanyAdmin("grant access");
            DepartmentTree tree = new DepartmentTree(OrgRows.departments(tx.connection(), scope.tenant()));
            List<FieldError> errors = new ArrayList<>();
            for (String department : departments) {
                if (!tree.contains(department)) {
                    errors.add(new FieldError("departments", "no such department in your company: " + department));
                }
            }
            if (roles.contains(Role.DEPARTMENT_ADMIN) && departments.isEmpty()) {
                errors.add(new FieldError("departments", "a department admin needs at least one department"));
            }
            if (!roles.contains(Role.DEPARTMENT_ADMIN) && !departments.isEmpty()) {
                errors.add(new FieldError("departments", "departments apply to department admins only"));
            }
            if (!errors.isEmpty()) {
                throw DomainException.invalid(errors);
            }
            Accounts.Account before = accounts.find(scope.tenant(), username).orElse(null);
            Accounts.Account after = accounts.grant(tx, username, grant.password(), roles, departments);
            tx.audit(ENTITY, username, before == null ? "granted" : "changed", before, after);
            tx.publish(Changes.event("org", "access-changed"), username, after);
            return after;
        });
    }

    public void revoke(SentralPrincipal caller, String username) {
        changes.run(caller, (tx, scope) -> {
            scope.requireCompanyAdmin("withdraw access");
            if (username.equals(caller.getName())) {
                throw DomainException.conflict("you cannot withdraw your own access");
            }
            Accounts.Account before = accounts.find(scope.tenant(), username)
                    .orElseThrow(() -> DomainException.notFound("login " + username));
            accounts.disable(tx, username);
            tx.audit(ENTITY, username, "revoked", before, null);
            tx.publish(Changes.event("org", "access-changed"), username, java.util.Map.of("username", username,
                    "revoked", true));
            return null;
        });
    }

    private static Set<Role> roles(List<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw DomainException.invalid("roles", "at least one of company-admin, department-admin,"
                    + " switchboard-operator, employee, payroll");
        }
        Set<Role> roles = new HashSet<>();
        for (String id : ids) {
            Role role = Role.fromId(id).filter(r -> r != Role.PLATFORM_ADMIN).orElseThrow(() ->
                    DomainException.invalid("roles", "unknown role '" + id + "'"));
            roles.add(role);
        }
        return roles;
    }
}
