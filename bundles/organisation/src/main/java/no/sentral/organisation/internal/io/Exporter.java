package no.sentral.organisation.internal.io;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import no.sentral.api.audit.AuditEntry;
import no.sentral.api.audit.AuditLog;
import no.sentral.api.audit.AuditQuery;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.Department;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.domain.AddonRules;
import no.sentral.organisation.internal.io.Importer.Kind;
import no.sentral.organisation.internal.service.Scope;
import no.sentral.organisation.internal.service.Scopes;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.organisation.internal.store.OrgRows;
import no.sentral.api.spi.jdbc.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Exports what the caller sees in the same columns the importer reads, so a file can go round trip,
 * as CSV or as an .xlsx workbook.
 */
@Component(service = Exporter.class)
public class Exporter {

    static final List<String> AUDIT_COLUMNS = List.of("seq", "at", "actor", "entityType", "entityId", "action",
            "before", "after");

    private final OrgDatabase database;
    private final Scopes scopes;
    private final AuditLog audit;

    @Activate
    public Exporter(@Reference OrgDatabase database, @Reference Scopes scopes, @Reference AuditLog audit) {
        this.database = database;
        this.scopes = scopes;
        this.audit = audit;
    }

    /** A table to write: its header and its rows. */
    public record Sheet(List<String> header, List<List<String>> rows) {
        public String csv() {
            return Csv.write(header, rows);
        }

        public byte[] xlsx() {
            return Xlsx.write(header, rows);
        }
    }

    /** The audit trail (LINK-07): who changed what when, with the entity before and after. */
    public Sheet exportAudit(SentralPrincipal caller, String entityType, String entityId, String actor, Instant from,
                             Instant to) {
        scopes.of(caller).requireCompanyAdmin("export the audit log");
        List<List<String>> rows = new ArrayList<>();
        for (AuditEntry e : audit.query(new AuditQuery(caller.requireTenant(), entityType, entityId, actor, from, to,
                AuditQuery.MAX_LIMIT))) {
            rows.add(row(Long.toString(e.seq()), e.at().toString(), e.actor(), e.entityType(), e.entityId(), e.action(),
                    e.before(), e.after()));
        }
        return new Sheet(AUDIT_COLUMNS, rows);
    }

    public Sheet export(SentralPrincipal caller, Kind kind) {
        Scope scope = scopes.of(caller);
        return database.read(c -> {
            List<Department> departments = OrgRows.departments(c, scope.tenant());
            DepartmentPaths paths = new DepartmentPaths(departments);
            List<List<String>> rows = new ArrayList<>();
            switch (kind) {
                case DEPARTMENTS -> departments.stream()
                        .filter(d -> scope.seesDepartment(d.id()))
                        .forEach(d -> rows.add(row(paths.path(d.id()), d.costCentre())));
                case EMPLOYEES -> {
                    for (Employee e : Sql.list(c, OrgRows.EMPLOYEE + " WHERE tenant = ? ORDER BY lower(name), id",
                            OrgRows::employee, scope.tenant())) {
                        if (scope.seesEmployee(e)) {
                            rows.add(row(paths.path(e.departmentId()), e.name(), e.email(), e.mobile(), e.title(),
                                    e.language(), e.employeeNumber(), e.username()));
                        }
                    }
                }
                case SIMS -> {
                    scope.requireAdmin("see the SIM stock");
                    Sql.list(c, "SELECT iccid FROM org_sim WHERE tenant = ? AND status = 'IN_STOCK' ORDER BY iccid",
                            rs -> rows.add(row(rs.getString(1))), scope.tenant());
                }
                case SUBSCRIPTIONS -> {
                    Map<String, Employee> employees = Sql.list(c, OrgRows.EMPLOYEE + " WHERE tenant = ?",
                            OrgRows::employee, scope.tenant()).stream().collect(Collectors.toMap(Employee::id, e -> e));
                    for (Subscription s : Sql.list(c, OrgRows.SUBSCRIPTION + " WHERE tenant = ? AND status = 'ACTIVE'"
                            + " ORDER BY number", OrgRows::subscription, scope.tenant())) {
                        if (scope.seesSubscription(s)) {
                            Employee holder = s.employeeId() == null ? null : employees.get(s.employeeId());
                            rows.add(row(s.number(), paths.path(s.departmentId()), s.pricePlan(),
                                    s.kind().name().toLowerCase(), holder == null ? null
                                            : holder.employeeNumber() != null ? holder.employeeNumber() : holder.email(),
                                    s.iccid(), addons(s.addons()), s.directory().listed()
                                            ? "listed:" + String.join("+", s.directory().fields()) : "unlisted"));
                        }
                    }
                }
            }
            return new Sheet(kind.columns(), rows);
        });
    }

    private static String addons(List<Addon> addons) {
        return addons.stream().map(a -> switch (a.code()) {
            case AddonRules.DATA_PACK -> a.code() + ":" + a.dataGb();
            case AddonRules.BARRING -> a.code() + ":" + String.join("+", a.categories());
            case AddonRules.CONTENT_LIMIT -> a.code() + ":" + a.limitOre();
            case AddonRules.TWIN_SIM -> a.code() + ":" + a.iccid();
            default -> a.code();
        }).collect(Collectors.joining(";"));
    }

    private static List<String> row(String... cells) {
        return java.util.Arrays.asList(cells);
    }
}
