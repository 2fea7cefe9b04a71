package no.sentral.organisation.internal.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.organisation.Employee;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.jdbc.Sql;
import no.sentral.api.spi.jdbc.Transaction;
import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Pattern;
import no.sentral.api.spi.rest.Patterns;
import no.sentral.api.spi.rest.Required;
import no.sentral.api.spi.rest.Size;
import no.sentral.organisation.internal.domain.Fields;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.organisation.internal.store.OrgRows;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The people of a company: who they are, where they sit, how to reach them. */
@Component(service = EmployeeService.class)
public class EmployeeService {

    static final String ENTITY = "employee";
    private static final Set<String> PHOTO_TYPES = Set.of("image/jpeg", "image/png");
    private static final int MAX_PHOTO_BYTES = 512 * 1024;
    private static final List<Page.Key> ORDER = List.of(new Page.Key("lower(name)", "?"), new Page.Key("id", "?::uuid"));

    /** What a caller sends to create or change an employee; {@code mobile} in any common notation. */
    public record EmployeeInput(@Required @Format(Format.Kind.UUID) String departmentId,
                                @Required @Size(min = 1, max = Fields.MAX_NAME) String name,
                                @Format(Format.Kind.EMAIL) String email,
                                @Pattern(value = Patterns.PHONE, message = Patterns.PHONE_RULE) String mobile,
                                String title, @Pattern(value = "^(nb|en)$", message = "nb or en") String language,
                                String employeeNumber, String username) {
    }

    /** A stored photo. */
    public record Photo(String contentType, byte[] bytes) {
    }

    private final OrgDatabase database;
    private final Scopes scopes;
    private final Changes changes;

    @Activate
    public EmployeeService(@Reference OrgDatabase database, @Reference Scopes scopes, @Reference Changes changes) {
        this.database = database;
        this.scopes = scopes;
        this.changes = changes;
    }

    /** Employees the caller sees, optionally of one department, or matching a name/e-mail/number search. */
    public Page<Employee> list(SentralPrincipal caller, String departmentId, String search, Page.Window window) {
        Scope scope = scopes.of(caller);
        StringBuilder where = new StringBuilder(" WHERE tenant = ?");
        List<Object> args = new ArrayList<>(List.of(scope.tenant()));
        Set<String> visible = scope.employeeDepartments();
        if (visible != null) {
            where.append(" AND (department_id = ANY(?)");
            args.add(visible.stream().map(UUID::fromString).toArray(UUID[]::new));
            if (scope.selfEmployeeId() != null) {
                where.append(" OR id = ?");
                args.add(UUID.fromString(scope.selfEmployeeId()));
            }
            where.append(")");
        }
        if (departmentId != null) {
            where.append(" AND department_id = ?");
            args.add(Sql.uuid(departmentId).orElseThrow(() -> DomainException.invalid("department", "not a department id")));
        }
        if (search != null && !search.isBlank()) {
            where.append(" AND (name ILIKE ? OR email ILIKE ? OR mobile LIKE ?)");
            String like = "%" + search.strip().replace("%", "\\%").replace("_", "\\_") + "%";
            args.add(like);
            args.add(like);
            args.add(like);
        }
        return database.read(c -> Page.read(c, "org_employee", OrgRows.EMPLOYEE, where.toString(), ORDER,
                e -> List.of(e.name().toLowerCase(java.util.Locale.ROOT), e.id()), args, OrgRows::employee, window));
    }

    public Employee get(SentralPrincipal caller, String id) {
        Scope scope = scopes.of(caller);
        return database.read(c -> visible(c, scope, id));
    }

    public Employee create(SentralPrincipal caller, EmployeeInput input) {
        return changes.run(caller, (tx, scope) -> create(tx, scope, input));
    }

    /** Creates an employee inside an open change (also used by the importer). */
    public Employee create(Transaction tx, Scope scope, EmployeeInput input) throws SQLException {
        EmployeeInput valid = validate(input);
        Connection c = tx.connection();
        DepartmentService.visible(c, scope, valid.departmentId());
        scope.requireChange(valid.departmentId(), "department " + valid.departmentId());
        UUID id = UUID.randomUUID();
        Sql.update(c, "INSERT INTO org_employee (id, tenant, department_id, name, email, mobile, title, language,"
                        + " employee_number, username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, scope.tenant(),
                UUID.fromString(valid.departmentId()), valid.name(), valid.email(), valid.mobile(), valid.title(),
                valid.language(), valid.employeeNumber(), valid.username());
        Employee created = OrgRows.employee(c, scope.tenant(), id, false).orElseThrow();
        tx.audit(ENTITY, created.id(), "created", null, created);
        tx.publish(Changes.event("org", "employee-created"), created.id(), created);
        return created;
    }

    public Employee update(SentralPrincipal caller, String id, Integer version, EmployeeInput input) {
        return changes.run(caller, (tx, scope) -> {
            Connection c = tx.connection();
            Employee before = visible(c, scope, id, true);
            boolean ownOnly = scope.requireChangeOrOwn(before.departmentId(), before.id(), "employee " + id);
            Changes.requireVersion(version, before.version(), "employee " + id);
            EmployeeInput valid = validate(input);
            if (ownOnly && (!valid.departmentId().equals(before.departmentId()) || !valid.name().equals(before.name())
                    || !Objects.equals(valid.employeeNumber(), before.employeeNumber())
                    || !Objects.equals(valid.username(), before.username()))) {
                throw DomainException.forbidden("you may change your own e-mail, mobile, title and language;"
                        + " your department, name, employee number and login are changed by an admin");
            }
            if (!valid.departmentId().equals(before.departmentId())) {
                DepartmentService.visible(c, scope, valid.departmentId());
                scope.requireChange(valid.departmentId(), "department " + valid.departmentId());
            }
            Sql.update(c, "UPDATE org_employee SET department_id = ?, name = ?, email = ?, mobile = ?, title = ?,"
                            + " language = ?, employee_number = ?, username = ?, version = version + 1"
                            + " WHERE tenant = ? AND id = ?", UUID.fromString(valid.departmentId()), valid.name(),
                    valid.email(), valid.mobile(), valid.title(), valid.language(), valid.employeeNumber(),
                    valid.username(), scope.tenant(), UUID.fromString(id));
            Employee after = OrgRows.employee(c, scope.tenant(), UUID.fromString(id), false).orElseThrow();
            tx.audit(ENTITY, id, "changed", before, after);
            tx.publish(Changes.event("org", "employee-changed"), id, after);
            return after;
        });
    }

    /** Removes an employee who no longer holds subscriptions. */
    public void delete(SentralPrincipal caller, String id, Integer version) {
        changes.run(caller, (tx, scope) -> {
            Connection c = tx.connection();
            Employee before = visible(c, scope, id, true);
            scope.requireChange(before.departmentId(), "employee " + id);
            Changes.requireVersion(version, before.version(), "employee " + id);
            long held = Sql.one(c, "SELECT count(*) FROM org_subscription WHERE tenant = ? AND employee_id = ?"
                    + " AND status <> 'TERMINATED'", rs -> rs.getLong(1), scope.tenant(), UUID.fromString(id)).orElse(0L);
            if (held > 0) {
                throw DomainException.conflict(before.name() + " still holds " + held
                        + " subscription(s): move them to someone else or terminate them first");
            }
            Sql.update(c, "UPDATE org_subscription SET employee_id = NULL WHERE tenant = ? AND employee_id = ?",
                    scope.tenant(), UUID.fromString(id));
            Sql.update(c, "DELETE FROM org_employee WHERE tenant = ? AND id = ?", scope.tenant(), UUID.fromString(id));
            tx.audit(ENTITY, id, "deleted", before, null);
            tx.publish(Changes.event("org", "employee-deleted"), id, before);
            return null;
        });
    }

    public void putPhoto(SentralPrincipal caller, String id, String contentType, byte[] bytes) {
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase();
        if (!PHOTO_TYPES.contains(type)) {
            throw DomainException.unsupportedType(
                    "a photo is image/jpeg or image/png");
        }
        if (bytes.length == 0 || bytes.length > MAX_PHOTO_BYTES) {
            throw DomainException.invalid("photo", "1 byte to " + MAX_PHOTO_BYTES / 1024 + " KiB");
        }
        changes.run(caller, (tx, scope) -> {
            Connection c = tx.connection();
            Employee before = visible(c, scope, id, true);
            scope.requireChangeOrOwn(before.departmentId(), before.id(), "employee " + id);
            Sql.update(c, "UPDATE org_employee SET photo = ?, photo_type = ?, version = version + 1"
                    + " WHERE tenant = ? AND id = ?", bytes, type, scope.tenant(), UUID.fromString(id));
            Employee after = OrgRows.employee(c, scope.tenant(), UUID.fromString(id), false).orElseThrow();
            tx.audit(ENTITY, id, "photo-changed", before, after);
            tx.publish(Changes.event("org", "employee-changed"), id, after);
            return null;
        });
    }

    public Photo photo(SentralPrincipal caller, String id) {
        Scope scope = scopes.of(caller);
        return database.read(c -> {
            visible(c, scope, id);
            return Sql.one(c, "SELECT photo_type, photo FROM org_employee WHERE tenant = ? AND id = ?"
                            + " AND photo IS NOT NULL", rs -> new Photo(rs.getString(1), rs.getBytes(2)), scope.tenant(),
                    UUID.fromString(id)).orElseThrow(() -> DomainException.notFound("photo of employee " + id));
        });
    }

    static Employee visible(Connection c, Scope scope, String id) throws SQLException {
        return visible(c, scope, id, false);
    }

    /** The employee if the caller sees them; {@code forChange} locks the row for the change. */
    private static Employee visible(Connection c, Scope scope, String id, boolean forChange) throws SQLException {
        String what = "employee " + id;
        Employee e = OrgRows.employee(c, scope.tenant(), Scope.parse(id, what), forChange)
                .orElseThrow(() -> DomainException.notFound(what));
        if (!scope.seesEmployee(e)) {
            throw DomainException.notFound(what);
        }
        return e;
    }

    /** Checks every field and returns the input normalised (mobile in E.164, blanks as null). */
    public static EmployeeInput validate(EmployeeInput input) {
        if (input == null) {
            throw DomainException.malformed("a JSON body describing the employee is required");
        }
        List<FieldError> errors = new ArrayList<>();
        if (input.departmentId() == null || Sql.uuid(input.departmentId()).isEmpty()) {
            errors.add(new FieldError("departmentId", "the id of the employee's department"));
        }
        String name = Fields.name("name", input.name(), errors);
        String email = Fields.email("email", input.email(), errors);
        String mobile = Fields.phone("mobile", input.mobile(), errors);
        String language = Objects.requireNonNullElse(Fields.text(input.language()), "nb");
        if (!language.equals("nb") && !language.equals("en")) {
            errors.add(new FieldError("language", "nb or en"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new EmployeeInput(input.departmentId(), name, email, mobile, Fields.text(input.title()), language,
                Fields.text(input.employeeNumber()), Fields.text(input.username()));
    }
}
