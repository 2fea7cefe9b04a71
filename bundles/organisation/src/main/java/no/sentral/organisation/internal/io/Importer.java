package no.sentral.organisation.internal.io;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.DirectoryListing;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.organisation.SubscriptionStatus;
import no.sentral.api.spi.jdbc.Transaction;
import no.sentral.api.failure.FieldError;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.domain.AddonRules;
import no.sentral.organisation.internal.domain.DirectoryRules;
import no.sentral.organisation.internal.domain.Identifiers;
import no.sentral.organisation.internal.domain.PhoneNumbers;
import no.sentral.organisation.internal.io.ImportReport.RowError;
import no.sentral.organisation.internal.service.Changes;
import no.sentral.organisation.internal.service.DepartmentService;
import no.sentral.organisation.internal.service.DepartmentService.DepartmentInput;
import no.sentral.organisation.internal.service.EmployeeService;
import no.sentral.organisation.internal.service.EmployeeService.EmployeeInput;
import no.sentral.organisation.internal.service.Scope;
import no.sentral.organisation.internal.store.OrgRows;
import no.sentral.api.spi.jdbc.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Bulk import of departments, employees, SIMs and subscriptions from CSV. All or nothing: every row
 * is checked first (against the file itself and the database), and only a file without errors is
 * written, in bulk, with one audit entry and one event per created entity. A dry run checks the
 * same way and keeps nothing.
 */
@Component(service = Importer.class)
public class Importer {

    /** Imports at least this big refresh the table's planner statistics before they commit. */
    private static final int ANALYZE_AFTER = 1_000;

    /** What a file holds, its table, and its columns (required ones first). */
    public enum Kind {
        DEPARTMENTS("org_department", List.of("path"), List.of("costCentre")),
        EMPLOYEES("org_employee", List.of("department", "name"), List.of("email", "mobile", "title", "language",
                "employeeNumber", "username")),
        SIMS("org_sim", List.of("iccid"), List.of()),
        SUBSCRIPTIONS("org_subscription", List.of("number", "department", "pricePlan"), List.of("kind", "employee",
                "iccid", "addons", "directory"));

        final String table;
        final List<String> required;
        final List<String> columns;

        Kind(String table, List<String> required, List<String> optional) {
            this.table = table;
            this.required = required;
            List<String> all = new ArrayList<>(required);
            all.addAll(optional);
            this.columns = List.copyOf(all);
        }

        public List<String> columns() {
            return columns;
        }

        public static Kind parse(String text) {
            try {
                return valueOf(text.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw DomainException.notFound("import kind " + text + " (kinds: departments, employees, sims,"
                        + " subscriptions)");
            }
        }
    }

    /** The employee a subscription row names: who, and in which department. */
    private record Holder(String id, String departmentId) {
    }

    /** Carries the report out of a transaction that must not commit (errors, or a dry run). */
    private static final class Discard extends RuntimeException {
        private final transient ImportReport report;

        Discard(ImportReport report) {
            super(null, null, false, false);
            this.report = report;
        }
    }

    private final Changes changes;
    private final DepartmentService departments;

    @Activate
    public Importer(@Reference Changes changes, @Reference DepartmentService departments) {
        this.changes = changes;
        this.departments = departments;
    }

    /** Imports a CSV text (comma or semicolon separated). */
    public ImportReport run(SentralPrincipal caller, Kind kind, String csv, boolean dryRun) {
        Csv.Table table;
        try {
            table = Csv.read(csv == null ? "" : csv);
        } catch (IllegalArgumentException e) {
            return unreadable(kind, dryRun, e);
        }
        return run(caller, kind, table, dryRun);
    }

    /** Imports the first sheet of an .xlsx workbook. */
    public ImportReport runXlsx(SentralPrincipal caller, Kind kind, byte[] workbook, boolean dryRun) {
        Csv.Table table;
        try {
            table = Xlsx.read(workbook == null ? new byte[0] : workbook);
        } catch (IllegalArgumentException e) {
            return unreadable(kind, dryRun, e);
        }
        return run(caller, kind, table, dryRun);
    }

    private static ImportReport unreadable(Kind kind, boolean dryRun, IllegalArgumentException e) {
        return new ImportReport(kind.name().toLowerCase(Locale.ROOT), dryRun, false, 0, 0,
                List.of(new RowError(1, null, e.getMessage())));
    }

    private ImportReport run(SentralPrincipal caller, Kind kind, Csv.Table table, boolean dryRun) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        List<RowError> headerErrors = checkHeader(kind, table.header());
        if (!headerErrors.isEmpty()) {
            return new ImportReport(name, dryRun, false, table.rows().size(), 0, headerErrors);
        }
        try {
            return changes.run(caller, (tx, scope) -> {
                ImportReport report = apply(tx, scope, kind, table, dryRun);
                if (!report.applied()) {
                    throw new Discard(report);
                }
                return report;
            });
        } catch (Discard discard) {
            return discard.report;
        }
    }

    /** Imports inside an open change (demo seeding); a file with errors is refused as a whole. */
    public ImportReport apply(Transaction tx, Scope scope, Kind kind, String csv) throws SQLException {
        ImportReport report = apply(tx, scope, kind, Csv.read(csv), false);
        if (!report.applied()) {
            throw DomainException.malformed(kind.name().toLowerCase(Locale.ROOT) + " import refused: "
                    + report.errors());
        }
        return report;
    }

    private ImportReport apply(Transaction tx, Scope scope, Kind kind, Csv.Table table, boolean dryRun)
            throws SQLException {
        Run run = new Run(tx, scope, table.rows());
        int created = switch (kind) {
            case DEPARTMENTS -> run.departments();
            case EMPLOYEES -> run.employees();
            case SIMS -> run.sims();
            case SUBSCRIPTIONS -> run.subscriptions();
        };
        if (created >= ANALYZE_AFTER) {
            // Fresh statistics at once: until autovacuum gets to it, the planner would take a table that
            // grew tenfold for small and pick plans that sort a whole department per page.
            Sql.update(tx.connection(), "ANALYZE " + kind.table);
        }
        return new ImportReport(kind.name().toLowerCase(Locale.ROOT), dryRun, run.errors.isEmpty() && !dryRun,
                table.rows().size(), run.errors.isEmpty() ? created : 0, List.copyOf(run.errors));
    }

    private static List<RowError> checkHeader(Kind kind, List<String> header) {
        List<RowError> errors = new ArrayList<>();
        for (String column : header) {
            if (!kind.columns.contains(column)) {
                errors.add(new RowError(1, column, "unknown column; the columns are " + kind.columns));
            }
        }
        for (String column : kind.required) {
            if (!header.contains(column)) {
                errors.add(new RowError(1, column, "this column is required"));
            }
        }
        return errors;
    }

    /** One import inside its transaction. */
    private final class Run {
        private final Transaction tx;
        private final Scope scope;
        private final List<Csv.Row> rows;
        private final Connection c;
        private final List<RowError> errors = new ArrayList<>();
        private final DepartmentPaths paths;

        Run(Transaction tx, Scope scope, List<Csv.Row> rows) throws SQLException {
            this.tx = tx;
            this.scope = scope;
            this.rows = rows;
            this.c = tx.connection();
            this.paths = new DepartmentPaths(OrgRows.departments(c, scope.tenant()));
        }

        int departments() throws SQLException {
            int created = 0;
            for (Csv.Row row : rows) {
                String path = row.get("path");
                if (path == null) {
                    error(row, "path", "required");
                    continue;
                }
                if (paths.id(path) != null) {
                    continue;
                }
                int cut = path.lastIndexOf(DepartmentPaths.SEPARATOR);
                String parentPath = cut < 0 ? null : path.substring(0, cut);
                String parent = parentPath == null ? null : paths.id(parentPath);
                if (parentPath != null && parent == null) {
                    error(row, "path", "the parent department " + parentPath + " does not exist: list a department"
                            + " before its sub-departments");
                    continue;
                }
                Savepoint savepoint = c.setSavepoint();
                try {
                    String leaf = path.substring(cut + 1).strip();
                    String id = departments.create(tx, scope, new DepartmentInput(leaf, parent, row.get("costCentre"))).id();
                    paths.add(path, id);
                    c.releaseSavepoint(savepoint);
                    created++;
                } catch (DomainException e) {
                    c.rollback(savepoint);
                    problem(row, e, Map.of("name", "path", "parentId", "path"));
                }
            }
            return created;
        }

        int employees() throws SQLException {
            Set<String> emails = new HashSet<>(Sql.list(c, "SELECT lower(email) FROM org_employee WHERE tenant = ?"
                    + " AND email IS NOT NULL", rs -> rs.getString(1), scope.tenant()));
            Set<String> numbers = new HashSet<>(Sql.list(c, "SELECT employee_number FROM org_employee WHERE tenant = ?"
                    + " AND employee_number IS NOT NULL", rs -> rs.getString(1), scope.tenant()));
            Set<String> usernames = new HashSet<>(Sql.list(c, "SELECT username FROM org_employee WHERE tenant = ?"
                    + " AND username IS NOT NULL", rs -> rs.getString(1), scope.tenant()));
            Map<String, Employee> created = new LinkedHashMap<>();
            for (Csv.Row row : rows) {
                String department = department(row, "department");
                EmployeeInput input;
                try {
                    input = EmployeeService.validate(new EmployeeInput(department == null ? UUID.randomUUID().toString()
                            : department, row.get("name"), row.get("email"), row.get("mobile"), row.get("title"),
                            row.get("language"), row.get("employeeNumber"), row.get("username")));
                } catch (DomainException e) {
                    problem(row, e, Map.of("departmentId", "department"));
                    continue;
                }
                unique(row, "email", input.email() == null ? null : input.email().toLowerCase(Locale.ROOT), emails);
                unique(row, "employeeNumber", input.employeeNumber(), numbers);
                unique(row, "username", input.username(), usernames);
                if (department != null) {
                    String id = UUID.randomUUID().toString();
                    created.put(id, new Employee(id, department, input.name(), input.email(), input.mobile(),
                            input.title(), input.language(), input.employeeNumber(), input.username(), false, 1));
                }
            }
            if (!errors.isEmpty()) {
                return 0;
            }
            for (List<Employee> chunk : chunks(List.copyOf(created.values()))) {
                tx.copy("org_employee", List.of("id", "tenant", "department_id", "name", "email", "mobile", "title",
                        "language", "employee_number", "username"), chunk.stream().map(e -> Arrays.asList(e.id(),
                        scope.tenant(), e.departmentId(), e.name(), e.email(), e.mobile(), e.title(), e.language(),
                        e.employeeNumber(), e.username())).toList());
                Map<String, Employee> byId = byId(chunk, Employee::id);
                tx.auditCreated("employee", byId);
                tx.publishAll(Changes.event("org", "employee-created"), byId);
            }
            return created.size();
        }

        int sims() throws SQLException {
            scope.requireCompanyAdmin("add SIMs to the stock");
            Map<String, Csv.Row> valid = new LinkedHashMap<>();
            for (Csv.Row row : rows) {
                String iccid = Identifiers.iccid(row.get("iccid")).orElse(null);
                if (iccid == null) {
                    error(row, "iccid", "not a valid ICCID (19-20 digits starting with 89, Luhn check digit): "
                            + row.get("iccid"));
                } else if (valid.putIfAbsent(iccid, row) != null) {
                    error(row, "iccid", iccid + " appears more than once in the file");
                }
            }
            for (String known : Sql.list(c, "SELECT iccid FROM org_sim WHERE iccid = ANY(?)", rs -> rs.getString(1),
                    (Object) valid.keySet().toArray(String[]::new))) {
                error(valid.get(known), "iccid", known + " is already registered");
            }
            if (!errors.isEmpty()) {
                return 0;
            }
            for (List<String> chunk : chunks(List.copyOf(valid.keySet()))) {
                tx.copy("org_sim", List.of("iccid", "tenant", "status"), chunk.stream()
                        .map(iccid -> List.of(iccid, scope.tenant(), "IN_STOCK")).toList());
                Map<String, Object> audit = new LinkedHashMap<>();
                for (String iccid : chunk) {
                    audit.put(iccid, Map.of("iccid", iccid, "status", "IN_STOCK"));
                }
                tx.auditCreated("sim", audit);
            }
            return valid.size();
        }

        int subscriptions() throws SQLException {
            Map<String, PricePlan> plans = new HashMap<>();
            OrgRows.offeredPlans(c, scope.tenant()).forEach(p -> plans.put(p.code(), p));
            Set<String> offered = OrgRows.addonOffers(c, scope.tenant());
            Set<String> stock = new HashSet<>(Sql.list(c, "SELECT iccid FROM org_sim WHERE tenant = ?"
                    + " AND status = 'IN_STOCK'", rs -> rs.getString(1), scope.tenant()));
            // Only what the rows need of each employee, so that a large company fits a small heap.
            Map<String, Holder> employees = new HashMap<>();
            Sql.list(c, "SELECT id, department_id, employee_number, lower(email) FROM org_employee WHERE tenant = ?",
                    rs -> {
                        Holder holder = new Holder(rs.getString(1), rs.getString(2));
                        if (rs.getString(3) != null) {
                            employees.put(rs.getString(3), holder);
                        }
                        if (rs.getString(4) != null) {
                            employees.put(rs.getString(4), holder);
                        }
                        return null;
                    }, scope.tenant());
            Map<String, Csv.Row> numbers = new HashMap<>();
            Set<String> sims = new HashSet<>();
            Map<String, Subscription> created = new LinkedHashMap<>();
            for (Csv.Row row : rows) {
                int before = errors.size();
                SubscriptionKind kind = row.get("kind") == null ? SubscriptionKind.MOBILE : kind(row);
                String number = kind == null ? null : PhoneNumbers.e164For(kind, row.get("number")).orElse(null);
                if (kind != null && number == null) {
                    error(row, "number", "not a valid " + kind.name().toLowerCase(Locale.ROOT) + " number: "
                            + row.get("number"));
                } else if (number != null && numbers.putIfAbsent(number, row) != null) {
                    error(row, "number", number + " appears more than once in the file");
                }
                String department = department(row, "department");
                Holder holder = null;
                if (row.get("employee") != null) {
                    holder = employees.get(row.get("employee").toLowerCase(Locale.ROOT));
                    if (holder == null || !scope.seesDepartment(holder.departmentId())) {
                        error(row, "employee", "no employee with this employee number or e-mail: " + row.get("employee"));
                    }
                }
                PricePlan plan = plans.get(row.get("pricePlan"));
                if (plan == null) {
                    error(row, "pricePlan", "not a price plan in the company's agreement: " + row.get("pricePlan"));
                } else if (kind != null && plan.kind() != kind) {
                    error(row, "pricePlan", plan.code() + " is not a " + kind.name().toLowerCase(Locale.ROOT) + " plan");
                }
                String iccid = sim(row, kind, stock, sims);
                List<Addon> addons = List.of();
                DirectoryListing directory = DirectoryListing.unlisted();
                try {
                    addons = plan == null ? List.of() : AddonRules.validate(plan, addons(row), offered);
                    for (Addon addon : addons) {
                        if (addon.iccid() != null && (!stock.contains(addon.iccid()) || !sims.add(addon.iccid()))) {
                            error(row, "addons", "twin SIM " + addon.iccid() + " is not an unused SIM in stock");
                        }
                    }
                    directory = DirectoryRules.validate(directory(row));
                } catch (DomainException e) {
                    problem(row, e, Map.of());
                }
                if (errors.size() == before) {
                    String id = UUID.randomUUID().toString();
                    created.put(id, new Subscription(id, number, kind, SubscriptionStatus.ACTIVE,
                            holder == null ? null : holder.id(), department, plan.code(), iccid, addons, directory, 1));
                }
            }
            for (String live : Sql.list(c, "SELECT number FROM org_subscription WHERE number = ANY(?)"
                    + " AND status <> 'TERMINATED'", rs -> rs.getString(1), (Object) numbers.keySet().toArray(String[]::new))) {
                error(numbers.get(live), "number", live + " is already in use by another subscription");
            }
            if (!errors.isEmpty()) {
                return 0;
            }
            for (List<Subscription> chunk : chunks(List.copyOf(created.values()))) {
                tx.copy("org_subscription", List.of("id", "tenant", "number", "kind", "status", "employee_id",
                        "department_id", "price_plan", "iccid", "addons", "directory"), chunk.stream().map(x ->
                        Arrays.asList(x.id(), scope.tenant(), x.number(), x.kind(), x.status(), x.employeeId(),
                        x.departmentId(), x.pricePlan(), x.iccid(), OrgRows.toJson(x.addons()),
                        OrgRows.toJson(x.directory()))).toList());
                Map<String, Subscription> byId = byId(chunk, Subscription::id);
                tx.auditCreated("subscription", byId);
                tx.publishAll(Changes.event("subscription", "activated"), byId);
            }
            for (List<String> chunk : chunks(List.copyOf(sims))) {
                // The stock was read without locks: a SIM taken meanwhile by another activation fails the file.
                int taken = Sql.update(c, "UPDATE org_sim SET status = 'ACTIVE' WHERE tenant = ? AND status = 'IN_STOCK'"
                        + " AND iccid = ANY(?)", scope.tenant(), chunk.toArray(String[]::new));
                if (taken != chunk.size()) {
                    throw DomainException.conflict((chunk.size() - taken) + " of the file's SIMs were taken by another"
                            + " activation while it was checked: nothing was imported, try again");
                }
            }
            return created.size();
        }

        private SubscriptionKind kind(Csv.Row row) {
            try {
                return SubscriptionKind.valueOf(row.get("kind").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                error(row, "kind", "mobile or fixed");
                return null;
            }
        }

        private String sim(Csv.Row row, SubscriptionKind kind, Set<String> stock, Set<String> taken) {
            String text = row.get("iccid");
            if (kind == SubscriptionKind.FIXED) {
                if (text != null) {
                    error(row, "iccid", "a fixed-line subscription has no SIM");
                }
                return null;
            }
            if (text == null) {
                error(row, "iccid", "an imported mobile subscription needs an unused SIM in stock (order SIMs to an"
                        + " address through the API)");
                return null;
            }
            String iccid = Identifiers.iccid(text).orElse(null);
            if (iccid == null) {
                error(row, "iccid", "not a valid ICCID (19-20 digits starting with 89, Luhn check digit): " + text);
            } else if (!stock.contains(iccid)) {
                error(row, "iccid", "SIM " + iccid + " is not an unused SIM in the company's stock");
            } else if (!taken.add(iccid)) {
                error(row, "iccid", "SIM " + iccid + " appears more than once in the file");
            }
            return iccid;
        }

        /** "data-rollover; barring:premium-sms+roaming; data-pack:20; content-limit:50000; twin-sim:<iccid>". */
        private List<Addon> addons(Csv.Row row) {
            List<Addon> addons = new ArrayList<>();
            if (row.get("addons") == null) {
                return addons;
            }
            for (String item : row.get("addons").split(";")) {
                String[] parts = item.strip().split(":", 2);
                String code = parts[0].strip();
                String value = parts.length > 1 ? parts[1].strip() : null;
                if (code.isEmpty()) {
                    continue;
                }
                try {
                    addons.add(switch (code) {
                        case AddonRules.DATA_PACK -> new Addon(code, value == null ? null : Integer.valueOf(value),
                                null, null, null);
                        case AddonRules.BARRING -> new Addon(code, null, value == null ? List.of()
                                : List.of(value.split("\\+")), null, null);
                        case AddonRules.CONTENT_LIMIT -> new Addon(code, null, null,
                                value == null ? null : Long.valueOf(value), null);
                        case AddonRules.TWIN_SIM -> new Addon(code, null, null, null, value);
                        default -> Addon.of(code);
                    });
                } catch (NumberFormatException e) {
                    error(row, "addons", code + " takes a whole number, not " + value);
                }
            }
            return addons;
        }

        /** "unlisted" or "listed:name+title". */
        private DirectoryListing directory(Csv.Row row) {
            String text = row.get("directory");
            if (text == null || text.equalsIgnoreCase("unlisted")) {
                return DirectoryListing.unlisted();
            }
            String[] parts = text.split(":", 2);
            if (!parts[0].strip().equalsIgnoreCase("listed")) {
                throw DomainException.invalid("directory", "unlisted, or listed:<fields joined by +>, e.g."
                        + " listed:name+title");
            }
            return new DirectoryListing(true, parts.length < 2 ? List.of()
                    : List.of(parts[1].strip().split("\\+")).stream().map(String::strip).toList());
        }

        /** The department named by the row's path, which the caller must be allowed to change. */
        private String department(Csv.Row row, String column) {
            String path = row.get(column);
            String id = paths.id(path);
            if (id == null) {
                error(row, column, path == null ? "required" : "no such department: " + path);
                return null;
            }
            if (!scope.changes(id)) {
                error(row, column, "you may not change department " + path);
                return null;
            }
            return id;
        }

        private void unique(Csv.Row row, String column, String value, Set<String> taken) {
            if (value != null && !taken.add(value)) {
                error(row, column, value + " is already used by another employee");
            }
        }

        private void problem(Csv.Row row, DomainException e, Map<String, String> columns) {
            if (e.errors().isEmpty()) {
                error(row, null, e.detail());
            }
            for (FieldError f : e.errors()) {
                String field = f.field().replaceAll("\\[.*$", "").replaceAll("\\..*$", "");
                error(row, columns.getOrDefault(field, field), f.message());
            }
        }

        private void error(Csv.Row row, String column, String message) {
            errors.add(new RowError(row.line(), column, message));
        }
    }

    /** Bulk writes go in slices, so a 100,000-row file does not need its whole SQL in memory at once. */
    private static final int CHUNK = 5_000;

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < items.size(); i += CHUNK) {
            chunks.add(items.subList(i, Math.min(items.size(), i + CHUNK)));
        }
        return chunks;
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }

}
