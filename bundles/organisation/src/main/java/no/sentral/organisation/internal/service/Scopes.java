package no.sentral.organisation.internal.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.domain.DepartmentTree;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.organisation.internal.store.OrgRows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Works out a caller's {@link Scope} from their principal and the company's current department tree. */
@Component(service = Scopes.class)
public class Scopes {

    private final OrgDatabase database;

    @Activate
    public Scopes(@Reference OrgDatabase database) {
        this.database = database;
    }

    /** The scope of a caller inside their company; the platform admin acts inside none. */
    public Scope of(SentralPrincipal principal) {
        String tenant = principal.requireTenant();
        // Only department admins and employees need the database to know their scope; every read request
        // comes here, so the others do not take a connection for it.
        if (!principal.has(Role.DEPARTMENT_ADMIN) && !principal.has(Role.EMPLOYEE)) {
            return new Scope(principal, new DepartmentTree(List.of()), null);
        }
        return database.read(c -> of(c, principal, tenant));
    }

    /** The same, on a transaction's connection, so that it sees the tree the change will see. */
    public Scope of(Connection c, SentralPrincipal principal) throws SQLException {
        return of(c, principal, principal.requireTenant());
    }

    private static Scope of(Connection c, SentralPrincipal principal, String tenant) throws SQLException {
        DepartmentTree tree = principal.has(Role.DEPARTMENT_ADMIN)
                ? new DepartmentTree(OrgRows.departments(c, tenant)) : new DepartmentTree(List.of());
        return new Scope(principal, tree, principal.has(Role.EMPLOYEE)
                ? OrgRows.employeeByUsername(c, tenant, principal.getName()).orElse(null) : null);
    }
}
