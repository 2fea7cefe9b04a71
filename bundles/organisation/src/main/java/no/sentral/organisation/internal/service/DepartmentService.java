package no.sentral.organisation.internal.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import no.sentral.api.failure.DomainException;
import no.sentral.api.organisation.Department;
import no.sentral.api.security.Accounts;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.jdbc.Sql;
import no.sentral.api.spi.jdbc.Transaction;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Size;
import no.sentral.organisation.internal.domain.DepartmentTree;
import no.sentral.organisation.internal.domain.Fields;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.organisation.internal.store.OrgRows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The department tree (LINK-01): create, rename, move, merge, delete, with nothing left orphaned. */
@Component(service = DepartmentService.class)
public class DepartmentService {

    static final String ENTITY = "department";

    /** What a caller sends to create or change a department. */
    public record DepartmentInput(@Required @Size(min = 1, max = Fields.MAX_NAME) String name,
                                  @Format(Format.Kind.UUID) String parentId, String costCentre) {
    }

    private final OrgDatabase database;
    private final Scopes scopes;
    private final Changes changes;
    private final Accounts accounts;

    @Activate
    public DepartmentService(@Reference OrgDatabase database, @Reference Scopes scopes, @Reference Changes changes,
                             @Reference Accounts accounts) {
        this.database = database;
        this.scopes = scopes;
        this.changes = changes;
        this.accounts = accounts;
    }

    public List<Department> list(SentralPrincipal caller) {
        Scope scope = scopes.of(caller);
        return database.read(c -> OrgRows.departments(c, scope.tenant())).stream()
                .filter(d -> scope.seesDepartment(d.id())).toList();
    }

    public Department get(SentralPrincipal caller, String id) {
        Scope scope = scopes.of(caller);
        return database.read(c -> visible(c, scope, id));
    }

    public Department create(SentralPrincipal caller, DepartmentInput input) {
        return changes.run(caller, (tx, scope) -> create(tx, scope, input));
    }

    /** Creates a department inside an open change (also used by the importer). */
    public Department create(Transaction tx, Scope scope, DepartmentInput input) throws SQLException {
        String name = requireName(input);
        Connection c = tx.connection();
        UUID parent = null;
        if (input.parentId() != null) {
            visible(c, scope, input.parentId());
            scope.requireChange(input.parentId(), "department " + input.parentId());
            parent = UUID.fromString(input.parentId());
        } else {
            scope.requireCompanyAdmin("create a top-level department");
        }
        UUID id = UUID.randomUUID();
        Sql.update(c, "INSERT INTO org_department (id, tenant, parent_id, name, cost_centre) VALUES (?, ?, ?, ?, ?)",
                id, scope.tenant(), parent, name, Fields.text(input.costCentre()));
        Department created = OrgRows.department(c, scope.tenant(), id, false).orElseThrow();
        tx.audit(ENTITY, created.id(), "created", null, created);
        tx.publish(Changes.event("org", "department-created"), created.id(), created);
        return created;
    }

    /** Renames a department or changes its cost centre; a different parentId moves it. */
    public Department update(SentralPrincipal caller, String id, Integer version, DepartmentInput input) {
        return changes.run(caller, (tx, scope) -> {
            Connection c = tx.connection();
            Department before = forChange(c, scope, id);
            scope.requireChange(before.id(), "department " + id);
            Changes.requireVersion(version, before.version(), "department " + id);
            String name = requireName(input);
            UUID parent = before.parentId() == null ? null : UUID.fromString(before.parentId());
            boolean moves = !java.util.Objects.equals(input.parentId(), before.parentId());
            if (moves) {
                parent = checkMove(c, scope, before, input.parentId());
            }
            Sql.update(c, "UPDATE org_department SET name = ?, cost_centre = ?, parent_id = ?, version = version + 1"
                    + " WHERE tenant = ? AND id = ?", name, Fields.text(input.costCentre()), parent, scope.tenant(),
                    UUID.fromString(id));
            Department after = OrgRows.department(c, scope.tenant(), UUID.fromString(id), false).orElseThrow();
            tx.audit(ENTITY, id, moves ? "moved" : "changed", before, after);
            tx.publish(Changes.event("org", moves ? "department-moved" : "department-changed"), id, after);
            return after;
        });
    }

    /**
     * Merges {@code id} into {@code into}: its sub-departments, employees and subscriptions move there,
     * logins that administered it administer the target instead, and the department goes.
     */
    public Department merge(SentralPrincipal caller, String id, Integer version, String into) {
        if (into == null) {
            throw DomainException.invalid("into", "the id of the department to merge into");
        }
        return changes.run(caller, (tx, scope) -> {
            Connection c = tx.connection();
            // Both locked, in id order, so that two merges of the same pair cannot wait for each other.
            boolean sourceFirst = id.compareTo(into) < 0;
            Department first = forChange(c, scope, sourceFirst ? id : into);
            Department second = forChange(c, scope, sourceFirst ? into : id);
            Department source = sourceFirst ? first : second;
            Department target = sourceFirst ? second : first;
            scope.requireChange(source.id(), "department " + id);
            scope.requireChange(target.id(), "department " + into);
            Changes.requireVersion(version, source.version(), "department " + id);
            new DepartmentTree(OrgRows.departments(c, scope.tenant())).checkMerge(source.id(), target.id());
            UUID from = UUID.fromString(source.id());
            UUID to = UUID.fromString(target.id());
            String tenant = scope.tenant();
            // Sub-departments whose names clash with the target's own children keep a recognisable name.
            Sql.update(c, "UPDATE org_department d SET name = d.name || ' (' || ? || ')' WHERE d.tenant = ?"
                    + " AND d.parent_id = ? AND EXISTS (SELECT 1 FROM org_department o WHERE o.tenant = d.tenant"
                    + " AND o.parent_id = ? AND lower(o.name) = lower(d.name))", source.name(), tenant, from, to);
            int departments = Sql.update(c, "UPDATE org_department SET parent_id = ?, version = version + 1"
                    + " WHERE tenant = ? AND parent_id = ?", to, tenant, from);
            int employees = Sql.update(c, "UPDATE org_employee SET department_id = ?, version = version + 1"
                    + " WHERE tenant = ? AND department_id = ?", to, tenant, from);
            int subscriptions = Sql.update(c, "UPDATE org_subscription SET department_id = ?, version = version + 1"
                    + " WHERE tenant = ? AND department_id = ?", to, tenant, from);
            regrant(tx, source.id(), target.id());
            Sql.update(c, "DELETE FROM org_department WHERE tenant = ? AND id = ?", tenant, from);
            Map<String, Object> moved = Map.of("into", target.id(), "departments", departments, "employees", employees,
                    "subscriptions", subscriptions);
            tx.audit(ENTITY, source.id(), "merged", source, moved);
            tx.publish(Changes.event("org", "department-merged"), source.id(), Map.of("department", source.id(),
                    "into", target.id()));
            return OrgRows.department(c, tenant, to, false).orElseThrow();
        });
    }

    /** Deletes an empty department; one with sub-departments, people, subscriptions or admins is refused. */
    public void delete(SentralPrincipal caller, String id, Integer version) {
        changes.run(caller, (tx, scope) -> {
            Connection c = tx.connection();
            Department before = forChange(c, scope, id);
            scope.requireChange(before.id(), "department " + id);
            Changes.requireVersion(version, before.version(), "department " + id);
            UUID uuid = UUID.fromString(id);
            String tenant = scope.tenant();
            long children = count(c, "org_department WHERE tenant = ? AND parent_id = ?", tenant, uuid);
            long people = count(c, "org_employee WHERE tenant = ? AND department_id = ?", tenant, uuid);
            long lines = count(c, "org_subscription WHERE tenant = ? AND department_id = ?", tenant, uuid);
            boolean administered = accounts.list(tenant).stream().anyMatch(a -> a.departments().contains(id));
            if (children + people + lines > 0 || administered) {
                throw DomainException.conflict("department " + before.name() + " still has " + children
                        + " sub-department(s), " + people + " employee(s) and " + lines + " subscription(s)"
                        + (administered ? " and administrators" : "") + ": move or merge them first");
            }
            Sql.update(c, "DELETE FROM org_department WHERE tenant = ? AND id = ?", tenant, uuid);
            tx.audit(ENTITY, id, "deleted", before, null);
            tx.publish(Changes.event("org", "department-deleted"), id, before);
            return null;
        });
    }

    /** The department if the caller sees it; 404 otherwise, the same as for another company's id. */
    static Department visible(Connection c, Scope scope, String id) throws SQLException {
        return visible(c, scope, id, false);
    }

    /** The same, locked for a change (see {@link OrgRows#lockInTransaction}). */
    private static Department forChange(Connection c, Scope scope, String id) throws SQLException {
        return visible(c, scope, id, true);
    }

    private static Department visible(Connection c, Scope scope, String id, boolean forChange) throws SQLException {
        String what = "department " + id;
        Department d = OrgRows.department(c, scope.tenant(), Scope.parse(id, what), forChange)
                .orElseThrow(() -> DomainException.notFound(what));
        if (!scope.seesDepartment(d.id())) {
            throw DomainException.notFound(what);
        }
        return d;
    }

    private UUID checkMove(Connection c, Scope scope, Department department, String newParent) throws SQLException {
        if (newParent == null) {
            scope.requireCompanyAdmin("move a department to the top level");
            return null;
        }
        visible(c, scope, newParent);
        scope.requireChange(newParent, "department " + newParent);
        new DepartmentTree(OrgRows.departments(c, scope.tenant())).checkMove(department.id(), newParent);
        return UUID.fromString(newParent);
    }

    private void regrant(Transaction tx, String from, String to) {
        for (Accounts.Account before : accounts.replaceDepartment(tx, from, to)) {
            Set<String> departments = new HashSet<>(before.departments());
            departments.remove(from);
            departments.add(to);
            tx.audit("access", before.username(), "changed", before, new Accounts.Account(before.username(),
                    before.roles(), departments, before.disabled()));
        }
    }

    private static long count(Connection c, String from, Object... args) throws SQLException {
        return Sql.one(c, "SELECT count(*) FROM " + from, rs -> rs.getLong(1), args).orElse(0L);
    }

    private static String requireName(DepartmentInput input) {
        if (input == null || input.name() == null || input.name().isBlank() || input.name().length() > 100) {
            throw DomainException.invalid("name", "1-100 characters");
        }
        return input.name().strip();
    }
}
