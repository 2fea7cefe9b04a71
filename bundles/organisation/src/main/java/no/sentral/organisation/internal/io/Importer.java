package no.sentral.organisation.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.DirectoryListing;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.SimStatus;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.organisation.SubscriptionStatus;
import no.sentral.api.spi.jdbc.Transaction;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.domain.ActivationRules;
import no.sentral.organisation.internal.domain.ActivationRules.Outcome;
import no.sentral.organisation.internal.domain.ActivationRules.Refusal;
import no.sentral.organisation.internal.domain.AddonRules;
import no.sentral.organisation.internal.domain.Fields;
import no.sentral.organisation.internal.domain.Identifiers;
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
 * Bulk import of departments, employees, SIMs and subscriptions from CSV or .xlsx. All or nothing:
 * every row is checked (against the file itself, the database, and the rules the services apply to
 * one entity), and a file is kept only when no row has an error; a dry run checks the same way and
 * keeps nothing.
 *
 * <p>A file streams through in chunks of {@link #CHUNK} rows inside one transaction: each chunk is
 * checked (one database look-up per kind of fact for the whole chunk) and, while no error has been
 * found, written in bulk with one audit entry and one event per created entity. The first error stops
 * the writing, the checking goes on to the end for the report, and the transaction is rolled back. So
 * a file of any length needs the memory of one chunk plus the keys that must be unique within it.
 */
@Component(service = Importer.class)
public class Importer {

    /** A larger file is refused as a whole: split it. */
    static final int MAX_ROWS = 200_000;
    /** The report lists this many errors; it counts the rest. */
    static final int MAX_LISTED_ERRORS = 1_000;
    /** Imports at least this big refresh the table's planner statistics before they commit. */
    private static final int ANALYZE_AFTER = 1_000;
    /** Rows checked and written together: few round trips, and a bounded batch in memory. */
    private static final int CHUNK = 5_000;

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

    /**
     * Imports a file as it arrives (a request body): it is first spooled to a temporary file, so that the
     * transaction never waits on a slow upload and a workbook can be read by random access.
     */
    public ImportReport run(SentralPrincipal caller, Kind kind, FileFormat format, InputStream body, boolean dryRun) {
        Path spool = null;
        try {
            spool = Files.createTempFile("sentral-import-", "." + format.extension());
            try (InputStream in = body == null ? InputStream.nullInputStream() : body) {
                Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            }
            return run(caller, kind, format, spool, dryRun);
        } catch (IOException e) {
            throw DomainException.malformed("the file could not be received: " + e.getMessage());
        } finally {
            if (spool != null) {
                spool.toFile().delete();
            }
        }
    }

    /** Imports a file (CSV: comma or semicolon separated; .xlsx: its first sheet). */
    public ImportReport run(SentralPrincipal caller, Kind kind, FileFormat format, Path file, boolean dryRun)
            throws IOException {
        Csv.Rows rows;
        try {
            rows = format == FileFormat.XLSX ? Xlsx.read(file)
                    : Csv.read(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new ImportReport(name(kind), dryRun, false, 0, 0, List.of(new RowError(1, null, e.getMessage())));
        }
        try (rows) {
            List<RowError> headerErrors = checkHeader(kind, rows.header());
            if (!headerErrors.isEmpty()) {
                return new ImportReport(name(kind), dryRun, false, 0, 0, headerErrors);
            }
            return changes.run(caller, (tx, scope) -> {
                ImportReport report = new Run(tx, scope, rows, dryRun).run(kind);
                if (!report.applied()) {
                    throw new Discard(report);
                }
                return report;
            });
        } catch (Discard discard) {
            return discard.report;
        }
    }

    private static String name(Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
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
        private final Csv.Rows rows;
        private final boolean dryRun;
        private final Connection c;
        private final DepartmentPaths paths;
        private final List<RowError> errors = new ArrayList<>();
        private int errorCount;
        private int read;
        private long lastLine = 1;
        private boolean ended;

        Run(Transaction tx, Scope scope, Csv.Rows rows, boolean dryRun) throws SQLException {
            this.tx = tx;
            this.scope = scope;
            this.rows = rows;
            this.dryRun = dryRun;
            this.c = tx.connection();
            this.paths = new DepartmentPaths(OrgRows.departments(c, scope.tenant()));
        }

        ImportReport run(Kind kind) throws SQLException {
            int created = switch (kind) {
                case DEPARTMENTS -> departments();
                case EMPLOYEES -> employees();
                case SIMS -> sims();
                case SUBSCRIPTIONS -> subscriptions();
            };
            boolean applied = errorCount == 0 && !dryRun;
            if (applied && created >= ANALYZE_AFTER) {
                // Fresh statistics at once: until autovacuum gets to it, the planner would take a table that
                // grew tenfold for small and pick plans that sort a whole department per page.
                Sql.update(c, "ANALYZE " + kind.table);
            }
            List<RowError> report = new ArrayList<>(errors);
            report.sort(Comparator.comparingLong(RowError::line));
            if (errorCount > errors.size()) {
                report.add(new RowError(lastLine, null, (errorCount - errors.size()) + " more errors are not listed"));
            }
            return new ImportReport(name(kind), dryRun, applied, read, errorCount == 0 ? created : 0,
                    List.copyOf(report));
        }

        /** While nothing is wrong and it is not a dry run, checked rows are written as they go. */
        private boolean writing() {
            return errorCount == 0 && !dryRun;
        }

        /** The next rows of the file, up to {@link #CHUNK}; empty at the end (or where the file breaks off). */
        private List<Csv.Row> chunk() {
            List<Csv.Row> chunk = new ArrayList<>();
            while (!ended && chunk.size() < CHUNK) {
                Csv.Row row;
                try {
                    row = rows.next();
                } catch (IllegalArgumentException e) {
                    errors.add(new RowError(lastLine + 1, null, e.getMessage()));
                    errorCount++;
                    ended = true;
                    break;
                }
                if (row == null) {
                    ended = true;
                    break;
                }
                if (++read > MAX_ROWS) {
                    throw DomainException.of(DomainException.Kind.TOO_LARGE, "import-too-large", "Import too large",
                            "an import has at most " + MAX_ROWS + " rows: split the file");
                }
                lastLine = row.line();
                chunk.add(row);
            }
            return chunk;
        }

        int departments() throws SQLException {
            int created = 0;
            for (List<Csv.Row> chunk = chunk(); !chunk.isEmpty(); chunk = chunk()) {
                for (Csv.Row row : chunk) {
                    created += department(row);
                }
            }
            return created;
        }

        /** Departments are created one by one, even in a dry run: a file lists a parent before its children. */
        private int department(Csv.Row row) throws SQLException {
            String path = row.get("path");
            if (path == null) {
                error(row, "path", "required");
                return 0;
            }
            if (paths.id(path) != null) {
                return 0;
            }
            int cut = path.lastIndexOf(DepartmentPaths.SEPARATOR);
            String parentPath = cut < 0 ? null : path.substring(0, cut);
            String parent = parentPath == null ? null : paths.id(parentPath);
            if (parentPath != null && parent == null) {
                error(row, "path", "the parent department " + parentPath + " does not exist: list a department"
                        + " before its sub-departments");
                return 0;
            }
            Savepoint savepoint = c.setSavepoint();
            try {
                String leaf = path.substring(cut + 1).strip();
                String id = departments.create(tx, scope, new DepartmentInput(leaf, parent, row.get("costCentre"))).id();
                paths.add(path, id);
                c.releaseSavepoint(savepoint);
                return 1;
            } catch (DomainException e) {
                c.rollback(savepoint);
                problem(row, e, Map.of("name", "path", "parentId", "path"));
                return 0;
            }
        }

        int employees() throws SQLException {
            Set<String> emails = new HashSet<>();
            Set<String> numbers = new HashSet<>();
            Set<String> usernames = new HashSet<>();
            int created = 0;
            for (List<Csv.Row> chunk = chunk(); !chunk.isEmpty(); chunk = chunk()) {
                Map<String, Csv.Row> newEmails = new HashMap<>();
                Map<String, Csv.Row> newNumbers = new HashMap<>();
                Map<String, Csv.Row> newUsernames = new HashMap<>();
                List<Employee> valid = new ArrayList<>();
                for (Csv.Row row : chunk) {
                    String department = department(row, "department");
                    EmployeeInput input;
                    try {
                        input = EmployeeService.validate(new EmployeeInput(department == null
                                ? UUID.randomUUID().toString() : department, row.get("name"), row.get("email"),
                                row.get("mobile"), row.get("title"), row.get("language"), row.get("employeeNumber"),
                                row.get("username")));
                    } catch (DomainException e) {
                        problem(row, e, Map.of("departmentId", "department"));
                        continue;
                    }
                    boolean unique = unique(row, "email", input.email() == null ? null
                            : input.email().toLowerCase(Locale.ROOT), emails, newEmails)
                            & unique(row, "employeeNumber", input.employeeNumber(), numbers, newNumbers)
                            & unique(row, "username", input.username(), usernames, newUsernames);
                    if (department != null && unique) {
                        valid.add(new Employee(UUID.randomUUID().toString(), department, input.name(), input.email(),
                                input.mobile(), input.title(), input.language(), input.employeeNumber(),
                                input.username(), false, 1));
                    }
                }
                taken("email", "SELECT lower(email) FROM org_employee WHERE tenant = ? AND lower(email) = ANY(?)",
                        newEmails);
                taken("employeeNumber", "SELECT employee_number FROM org_employee WHERE tenant = ?"
                        + " AND employee_number = ANY(?)", newNumbers);
                taken("username", "SELECT username FROM org_employee WHERE tenant = ? AND username = ANY(?)",
                        newUsernames);
                if (writing()) {
                    tx.copy("org_employee", List.of("id", "tenant", "department_id", "name", "email", "mobile", "title",
                            "language", "employee_number", "username"), valid.stream().map(e -> Arrays.asList(e.id(),
                            scope.tenant(), e.departmentId(), e.name(), e.email(), e.mobile(), e.title(), e.language(),
                            e.employeeNumber(), e.username())).toList());
                    Map<String, Employee> byId = byId(valid, Employee::id);
                    tx.auditCreated("employee", byId);
                    tx.publishAll(Changes.event("org", "employee-created"), byId);
                }
                created += valid.size();
            }
            return created;
        }

        /** Adds {@code value} to the file's {@code seen} ones; a repeat is an error. True when it is new. */
        private boolean unique(Csv.Row row, String column, String value, Set<String> seen,
                               Map<String, Csv.Row> fresh) {
            if (value == null) {
                return true;
            }
            if (!seen.add(value)) {
                error(row, column, value + " is already used by another employee");
                return false;
            }
            fresh.put(value, row);
            return true;
        }

        /** Reports the chunk's new values that an employee in the database already has. */
        private void taken(String column, String sql, Map<String, Csv.Row> fresh) throws SQLException {
            if (fresh.isEmpty()) {
                return;
            }
            for (String value : Sql.list(c, sql, rs -> rs.getString(1), scope.tenant(),
                    fresh.keySet().toArray(String[]::new))) {
                error(fresh.get(value), column, value + " is already used by another employee");
            }
        }

        int sims() throws SQLException {
            scope.requireCompanyAdmin("add SIMs to the stock");
            Set<String> seen = new HashSet<>();
            int created = 0;
            for (List<Csv.Row> chunk = chunk(); !chunk.isEmpty(); chunk = chunk()) {
                Map<String, Csv.Row> fresh = new LinkedHashMap<>();
                for (Csv.Row row : chunk) {
                    List<FieldError> invalid = new ArrayList<>();
                    String iccid = Fields.iccid("iccid", row.get("iccid"), invalid);
                    invalid.forEach(f -> error(row, f.field(), f.message()));
                    if (iccid != null && !seen.add(iccid)) {
                        error(row, "iccid", iccid + " appears more than once in the file");
                    } else if (iccid != null) {
                        fresh.put(iccid, row);
                    }
                }
                for (String known : Sql.list(c, "SELECT iccid FROM org_sim WHERE iccid = ANY(?)", rs -> rs.getString(1),
                        (Object) fresh.keySet().toArray(String[]::new))) {
                    error(fresh.remove(known), "iccid", known + " is already registered");
                }
                if (writing()) {
                    tx.copy("org_sim", List.of("iccid", "tenant", "status"), fresh.keySet().stream()
                            .map(iccid -> List.of(iccid, scope.tenant(), "IN_STOCK")).toList());
                    Map<String, Object> audit = new LinkedHashMap<>();
                    for (String iccid : fresh.keySet()) {
                        audit.put(iccid, Map.of("iccid", iccid, "status", "IN_STOCK"));
                    }
                    tx.auditCreated("sim", audit);
                }
                created += fresh.size();
            }
            return created;
        }

        int subscriptions() throws SQLException {
            Map<String, PricePlan> plans = new HashMap<>();
            OrgRows.offeredPlans(c, scope.tenant()).forEach(p -> plans.put(p.code(), p));
            Set<String> offered = OrgRows.addonOffers(c, scope.tenant());
            Set<String> numbers = new HashSet<>();
            Set<String> sims = new HashSet<>();
            int created = 0;
            for (List<Csv.Row> chunk = chunk(); !chunk.isEmpty(); chunk = chunk()) {
                List<List<Addon>> addons = new ArrayList<>();
                for (Csv.Row row : chunk) {
                    addons.add(addons(row));
                }
                Map<String, SimStatus> stock = stock(chunk, addons);
                Map<String, Holder> holders = holders(chunk);
                ActivationRules.Facts facts = new ActivationRules.Facts() {
                    @Override
                    public PricePlan plan(String code) {
                        return plans.get(code);
                    }

                    @Override
                    public Set<String> offeredAddons() {
                        return offered;
                    }

                    @Override
                    public SimStatus sim(String iccid) {
                        return stock.get(iccid);
                    }
                };
                Map<String, Csv.Row> fresh = new HashMap<>();
                List<Subscription> valid = new ArrayList<>();
                List<String> taken = new ArrayList<>();
                for (int i = 0; i < chunk.size(); i++) {
                    Subscription s = subscription(chunk.get(i), addons.get(i), facts, holders, numbers, sims, fresh);
                    if (s != null) {
                        valid.add(s);
                        if (s.iccid() != null) {
                            taken.add(s.iccid());
                        }
                        s.addons().stream().filter(a -> a.iccid() != null).forEach(a -> taken.add(a.iccid()));
                    }
                }
                if (!fresh.isEmpty()) {
                    for (String live : Sql.list(c, "SELECT number FROM org_subscription WHERE number = ANY(?)"
                            + " AND status <> 'TERMINATED'", rs -> rs.getString(1),
                            (Object) fresh.keySet().toArray(String[]::new))) {
                        Refusal inUse = ActivationRules.numberInUse(live);
                        error(fresh.get(live), inUse.field(), inUse.message());
                    }
                }
                if (writing()) {
                    write(valid, taken);
                }
                created += valid.size();
            }
            return created;
        }

        /** One row checked by the activation rules and against the file; the subscription, or null when refused. */
        private Subscription subscription(Csv.Row row, List<Addon> addons, ActivationRules.Facts facts,
                                          Map<String, Holder> holders, Set<String> numbers, Set<String> sims,
                                          Map<String, Csv.Row> fresh) {
            int before = errorCount;
            SubscriptionKind kind = kind(row);
            String department = department(row, "department");
            Holder holder = null;
            if (row.get("employee") != null) {
                holder = holders.get(row.get("employee").toLowerCase(Locale.ROOT));
                if (holder == null || !scope.seesDepartment(holder.departmentId())) {
                    error(row, "employee", "no employee with this employee number or e-mail: " + row.get("employee"));
                }
            }
            DirectoryListing directory = null;
            try {
                directory = directory(row);
            } catch (DomainException e) {
                problem(row, e, Map.of());
            }
            if (kind == null || errorCount > before) {
                return null;
            }
            Outcome checked = ActivationRules.check(new ActivationRules.Request(kind, row.get("number"),
                    row.get("pricePlan"), row.get("iccid"), false, addons, directory), facts);
            for (Refusal refusal : checked.refusals()) {
                error(row, column(refusal.field()), refusal.message());
            }
            if (checked.number() != null) {
                if (!numbers.add(checked.number())) {
                    error(row, "number", checked.number() + " appears more than once in the file");
                } else {
                    fresh.put(checked.number(), row);
                }
            }
            if (checked.iccid() != null && !sims.add(checked.iccid())) {
                error(row, "iccid", "SIM " + checked.iccid() + " appears more than once in the file");
            }
            for (Addon addon : checked.addons()) {
                if (addon.iccid() != null && !sims.add(addon.iccid())) {
                    error(row, "addons", "SIM " + addon.iccid() + " appears more than once in the file");
                }
            }
            if (errorCount > before) {
                return null;
            }
            return new Subscription(UUID.randomUUID().toString(), checked.number(), checked.kind(),
                    SubscriptionStatus.ACTIVE, holder == null ? null : holder.id(), department, checked.plan().code(),
                    checked.iccid(), checked.addons(), checked.directory(), 1);
        }

        /** The status of every SIM the chunk's rows name (as SIM or twin SIM) that the company has. */
        private Map<String, SimStatus> stock(List<Csv.Row> chunk, List<List<Addon>> addons) throws SQLException {
            Set<String> named = new HashSet<>();
            for (int i = 0; i < chunk.size(); i++) {
                Identifiers.iccid(chunk.get(i).get("iccid")).ifPresent(named::add);
                addons.get(i).forEach(a -> Identifiers.iccid(a.iccid()).ifPresent(named::add));
            }
            Map<String, SimStatus> stock = new HashMap<>();
            Sql.list(c, "SELECT iccid, status FROM org_sim WHERE tenant = ? AND iccid = ANY(?)",
                    rs -> stock.put(rs.getString(1), SimStatus.valueOf(rs.getString(2))), scope.tenant(),
                    named.toArray(String[]::new));
            return stock;
        }

        /** The employees the chunk's rows name, by employee number and by e-mail (lower case). */
        private Map<String, Holder> holders(List<Csv.Row> chunk) throws SQLException {
            Set<String> named = new HashSet<>();
            chunk.stream().map(r -> r.get("employee")).filter(e -> e != null)
                    .forEach(e -> named.add(e.toLowerCase(Locale.ROOT)));
            Map<String, Holder> holders = new HashMap<>();
            if (named.isEmpty()) {
                return holders;
            }
            String[] keys = named.toArray(String[]::new);
            Sql.list(c, "SELECT id, department_id, employee_number, lower(email) FROM org_employee WHERE tenant = ?"
                    + " AND (employee_number = ANY(?) OR lower(email) = ANY(?))", rs -> {
                        Holder holder = new Holder(rs.getString(1), rs.getString(2));
                        for (int column = 3; column <= 4; column++) {
                            if (rs.getString(column) != null && named.contains(rs.getString(column))) {
                                holders.put(rs.getString(column), holder);
                            }
                        }
                        return null;
                    }, scope.tenant(), keys, keys);
            return holders;
        }

        private void write(List<Subscription> valid, List<String> taken) throws SQLException {
            tx.copy("org_subscription", List.of("id", "tenant", "number", "kind", "status", "employee_id",
                    "department_id", "price_plan", "iccid", "addons", "directory"), valid.stream().map(x ->
                    Arrays.asList(x.id(), scope.tenant(), x.number(), x.kind(), x.status(), x.employeeId(),
                    x.departmentId(), x.pricePlan(), x.iccid(), OrgRows.toJson(x.addons()),
                    OrgRows.toJson(x.directory()))).toList());
            Map<String, Subscription> byId = byId(valid, Subscription::id);
            tx.auditCreated("subscription", byId);
            tx.publishAll(Changes.event("subscription", "activated"), byId);
            // The stock was read without locks: a SIM taken meanwhile by another activation fails the file.
            int updated = Sql.update(c, "UPDATE org_sim SET status = 'ACTIVE' WHERE tenant = ? AND status = 'IN_STOCK'"
                    + " AND iccid = ANY(?)", scope.tenant(), taken.toArray(String[]::new));
            if (updated != taken.size()) {
                throw DomainException.conflict((taken.size() - updated) + " of the file's SIMs were taken by another"
                        + " activation while it was checked: nothing was imported, try again");
            }
        }

        private SubscriptionKind kind(Csv.Row row) {
            if (row.get("kind") == null) {
                return SubscriptionKind.MOBILE;
            }
            try {
                return SubscriptionKind.valueOf(row.get("kind").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                error(row, "kind", "mobile or fixed");
                return null;
            }
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

        private void problem(Csv.Row row, DomainException e, Map<String, String> columns) {
            if (e.errors().isEmpty()) {
                error(row, null, e.detail());
            }
            for (FieldError f : e.errors()) {
                String field = column(f.field());
                error(row, columns.getOrDefault(field, field), f.message());
            }
        }

        private void error(Csv.Row row, String column, String message) {
            errorCount++;
            if (errors.size() < MAX_LISTED_ERRORS) {
                errors.add(new RowError(row.line(), column, message));
            }
        }
    }

    /** The file column a rule's field is about: {@code addons[0].code} is the addons column. */
    private static String column(String field) {
        return field.replaceAll("\\[.*$", "").replaceAll("\\..*$", "");
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new LinkedHashMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }
}
