package no.sentral.organisation.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * as CSV or as an .xlsx workbook. Rows are written as the database cursor yields them, so an export of
 * any size needs the memory of a few rows; the whole export reads one snapshot of the company.
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

    /** Writes rows, one at a time, to the writer it is given. */
    @FunctionalInterface
    interface Body {
        void write(Csv.SheetWriter out) throws IOException;
    }

    /**
     * An export the caller may have, checked before anything is written (so a refusal is an answer, not a
     * broken download); {@link #write} then reads and writes it.
     */
    public record Export(String name, List<String> header, Body body) {
        public void write(FileFormat format, OutputStream out) throws IOException {
            Csv.SheetWriter writer = format.writer(out, header);
            body.write(writer);
            writer.finish();
        }

        public String fileName(FileFormat format) {
            return name + "." + format.extension();
        }
    }

    /** The audit trail (LINK-07): who changed what when, with the entity before and after. */
    public Export exportAudit(SentralPrincipal caller, String entityType, String entityId, String actor, Instant from,
                              Instant to) {
        scopes.of(caller).requireCompanyAdmin("export the audit log");
        AuditQuery query = new AuditQuery(caller.requireTenant(), entityType, entityId, actor, from, to,
                AuditQuery.MAX_LIMIT);
        return new Export("audit", AUDIT_COLUMNS, out -> {
            for (AuditEntry e : audit.query(query)) {
                out.row(row(Long.toString(e.seq()), e.at().toString(), e.actor(), e.entityType(), e.entityId(),
                        e.action(), e.before(), e.after()));
            }
        });
    }

    public Export export(SentralPrincipal caller, Kind kind) {
        Scope scope = scopes.of(caller);
        if (kind == Kind.SIMS) {
            scope.requireAdmin("see the SIM stock");
        }
        return new Export(kind.name().toLowerCase(Locale.ROOT), kind.columns(), out -> snapshot(c -> {
            List<Department> departments = OrgRows.departments(c, scope.tenant());
            DepartmentPaths paths = new DepartmentPaths(departments);
            switch (kind) {
                case DEPARTMENTS -> {
                    for (Department d : departments) {
                        if (scope.seesDepartment(d.id())) {
                            out.row(row(paths.path(d.id()), d.costCentre()));
                        }
                    }
                }
                case EMPLOYEES -> each(c, OrgRows.EMPLOYEE + " WHERE tenant = ? ORDER BY lower(name), id", scope, rs -> {
                    Employee e = OrgRows.employee(rs);
                    if (scope.seesEmployee(e)) {
                        out.row(row(paths.path(e.departmentId()), e.name(), e.email(), e.mobile(), e.title(),
                                e.language(), e.employeeNumber(), e.username()));
                    }
                });
                case SIMS -> each(c, "SELECT iccid FROM org_sim WHERE tenant = ? AND status = 'IN_STOCK' ORDER BY iccid",
                        scope, rs -> out.row(row(rs.getString(1))));
                case SUBSCRIPTIONS -> each(c, "SELECT s.id, s.number, s.kind, s.status, s.employee_id, s.department_id,"
                        + " s.price_plan, s.iccid, s.addons, s.directory, s.version, coalesce(e.employee_number, e.email)"
                        + " FROM org_subscription s LEFT JOIN org_employee e ON e.tenant = s.tenant AND e.id = s.employee_id"
                        + " WHERE s.tenant = ? AND s.status = 'ACTIVE' ORDER BY s.number", scope, rs -> {
                            Subscription s = OrgRows.subscription(rs);
                            if (scope.seesSubscription(s)) {
                                out.row(row(s.number(), paths.path(s.departmentId()), s.pricePlan(),
                                        s.kind().name().toLowerCase(Locale.ROOT), rs.getString(12), s.iccid(),
                                        addons(s.addons()), s.directory().listed()
                                                ? "listed:" + String.join("+", s.directory().fields()) : "unlisted"));
                            }
                        });
            }
        }));
    }

    @FunctionalInterface
    private interface Snapshot {
        void read(Connection c) throws SQLException, IOException;
    }

    /** Runs {@code read} in one snapshot of the database (see {@link Sql#snapshot}). */
    private void snapshot(Snapshot read) throws IOException {
        try {
            database.read(c -> Sql.snapshot(c, snapshot -> {
                try {
                    read.read(snapshot);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            }));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void row(ResultSet rs) throws SQLException, IOException;
    }

    /** The company's rows of a query, handed on one at a time as the cursor yields them. */
    private static void each(Connection c, String sql, Scope scope, RowHandler handler) throws SQLException {
        Sql.each(c, sql, rs -> {
            try {
                handler.row(rs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }, scope.tenant());
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
        return Arrays.asList(cells);
    }
}
