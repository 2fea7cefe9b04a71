package no.sentral.organisation.internal.io;

import static no.sentral.organisation.internal.OrgTestBed.ACME;
import static no.sentral.organisation.internal.OrgTestBed.INITECH;
import static no.sentral.organisation.internal.OrgTestBed.admin;
import static no.sentral.organisation.internal.OrgTestBed.departmentAdmin;
import static no.sentral.organisation.internal.OrgTestBed.newIccid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.sentral.api.failure.DomainException;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.service.SubscriptionService.Activation;
import no.sentral.organisation.internal.OrgTestBed;
import no.sentral.organisation.internal.io.ImportReport.RowError;
import no.sentral.organisation.internal.io.Importer.Kind;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bulk import: all rows or none, every bad row reported by line and column, dry runs keep nothing. */
class ImporterTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private OrgTestBed bed;

    @BeforeEach
    void setUp() throws Exception {
        bed = new OrgTestBed(postgres);
        ImportReport departments = run(admin(ACME), Kind.DEPARTMENTS, """
                path,costCentre
                Salg,100
                Salg/Nord,110
                Drift,200
                """, false);
        assertEquals(List.of(), departments.errors());
        assertEquals(3, departments.created());
    }

    @Test
    void aFileWithOneBadRowChangesNothingAndSaysWhereItIs() throws Exception {
        ImportReport report = run(admin(ACME), Kind.EMPLOYEES, """
                department,name,email,mobile,employeeNumber
                Salg,Kari Nordmann,kari@acme.no,98765432,1
                Salg/Nord,Ola Nordmann,ola@acme.no,12345,2
                Ukjent,Per,per@acme.no,,3
                Drift,Lise,kari@acme.no,,4
                """, false);
        assertEquals(List.of(new RowError(3, "mobile", "not a valid phone number: 12345"),
                new RowError(4, "department", "no such department: Ukjent"),
                new RowError(5, "email", "kari@acme.no is already used by another employee")), report.errors());
        assertTrue(!report.applied());
        assertEquals(List.of("0"), bed.column("SELECT count(*) FROM org_employee"));
        assertEquals(List.of("0"), bed.column("SELECT count(*) FROM platform_audit_log WHERE entity_type = 'employee'"));
    }

    @Test
    void aDryRunChecksEverythingAndKeepsNothing() throws Exception {
        String csv = "department;name;email\nSalg;Kari;kari@acme.no\nDrift;Per;per@acme.no\n";
        ImportReport dry = run(admin(ACME), Kind.EMPLOYEES, csv, true);
        assertEquals(List.of(), dry.errors());
        assertTrue(dry.dryRun() && !dry.applied());
        assertEquals(List.of("0"), bed.column("SELECT count(*) FROM org_employee"));
        ImportReport real = run(admin(ACME), Kind.EMPLOYEES, csv, false);
        assertEquals(2, real.created());
        assertEquals(List.of("2"), bed.column("SELECT count(*) FROM platform_audit_log WHERE entity_type = 'employee'"));
        assertEquals(List.of("2"), bed.column("SELECT count(*) FROM platform_event_outbox"
                + " WHERE type = 'sentral.org.employee-created'"));
    }

    @Test
    void subscriptionsComeWithSimsAddOnsAndDirectoryAndGoRoundTrip() throws Exception {
        String a = newIccid();
        String b = newIccid();
        String twin = newIccid();
        assertEquals(3, run(admin(ACME), Kind.SIMS, "iccid\n" + a + "\n" + b + "\n" + twin + "\n",
                false).created());
        run(admin(ACME), Kind.EMPLOYEES, "department,name,email,employeeNumber\nSalg,Kari,kari@acme.no,1001\n",
                false);
        String csv = "number,kind,department,employee,pricePlan,iccid,addons,directory\n"
                + "41234567,mobile,Salg,1001,mobil-10," + a + ",data-rollover;twin-sim:" + twin + ",listed:name+title\n"
                + "22123456,fixed,Drift,,fast,,barring:international-calls,unlisted\n";
        ImportReport report = run(admin(ACME), Kind.SUBSCRIPTIONS, csv, false);
        assertEquals(List.of(), report.errors());
        assertEquals(2, report.created());
        assertEquals(List.of("ACTIVE", "ACTIVE", "IN_STOCK"), bed.column("SELECT status FROM org_sim ORDER BY status,"
                + " iccid = '" + b + "'"));
        String exported = csv(bed.exporter.export(admin(ACME), Kind.SUBSCRIPTIONS));
        assertEquals(List.of("number,department,pricePlan,kind,employee,iccid,addons,directory",
                "+4722123456,Drift,fast,fixed,,,barring:international-calls,unlisted",
                "+4741234567,Salg,mobil-10,mobile,1001," + a + ",data-rollover;twin-sim:" + twin + ",listed:name+title"),
                exported.lines().toList());

        // The same numbers again: every row is refused, nothing is added.
        ImportReport again = run(admin(ACME), Kind.SUBSCRIPTIONS, csv.replace(a, b), false);
        assertEquals(3, again.errors().size(), again.errors().toString());
        assertEquals(List.of("2"), bed.column("SELECT count(*) FROM org_subscription"));
    }

    @Test
    void rowsOutsideTheCallersDepartmentsAndBadHeadersAreRefused() throws Exception {
        String sales = bed.departments.list(admin(ACME)).stream().filter(d -> d.name().equals("Salg")).findFirst()
                .orElseThrow().id();
        ImportReport report = run(departmentAdmin(ACME, sales), Kind.EMPLOYEES,
                "department,name\nSalg/Nord,Ola\nDrift,Per\n", false);
        assertEquals(List.of(new RowError(3, "department", "you may not change department Drift")), report.errors());
        ImportReport header = run(admin(ACME), Kind.EMPLOYEES, "department,navn\nSalg,Ola\n", false);
        assertEquals(List.of(new RowError(1, "navn", "unknown column; the columns are " + Kind.EMPLOYEES.columns()),
                new RowError(1, "name", "this column is required")), header.errors());
        // Another company's department paths mean nothing here.
        ImportReport foreign = run(admin(INITECH), Kind.EMPLOYEES, "department,name\nSalg,Ola\n", false);
        assertEquals(List.of(new RowError(2, "department", "no such department: Salg")), foreign.errors());
        assertEquals(List.of("0"), bed.column("SELECT count(*) FROM org_employee"));
    }

    @Test
    void theAuditTrailExportsAsCsvWithBeforeAndAfter() throws Exception {
        run(admin(ACME), Kind.EMPLOYEES, "department,name,email\nSalg,Kari,kari@acme.no\n", false);
        String csv = csv(bed.exporter.exportAudit(admin(ACME), "employee", null, null, null, null));
        List<String> lines = csv.lines().toList();
        assertEquals("seq,at,actor,entityType,entityId,action,before,after", lines.get(0));
        assertEquals(2, lines.size());
        assertTrue(lines.get(1).contains(",admin@acme,employee,") && lines.get(1).contains("\"\"name\"\": \"\"Kari\"\""),
                lines.get(1));
        assertEquals(no.sentral.api.failure.DomainException.Kind.FORBIDDEN, no.sentral.organisation.internal.service.SubscriptionServiceTest.kind(() ->
                bed.exporter.exportAudit(departmentAdmin(ACME, "x"), null, null, null, null, null)));
    }

    @Test
    void aWorkbookImportsLikeItsCsvAndReportsSpreadsheetRows() throws Exception {
        byte[] workbook = XlsxTest.workbook(List.of("department", "name", "mobile"), List.of(
                List.of("Salg", "Kari", "98765432"), List.of("Drift", "Per", "123")));
        ImportReport bad = runXlsx(admin(ACME), Kind.EMPLOYEES, workbook, false);
        assertEquals(List.of(new RowError(3, "mobile", "not a valid phone number: 123")), bad.errors());
        ByteArrayOutputStream exported = new ByteArrayOutputStream();
        bed.exporter.export(admin(ACME), Kind.EMPLOYEES).write(FileFormat.XLSX, exported);
        ImportReport good = runXlsx(admin(ACME), Kind.EMPLOYEES, exported.toByteArray(), true);
        assertEquals(List.of(), good.errors());
        assertEquals(List.of(new RowError(1, null, "not readable as an .xlsx workbook: not a zip archive (is it an"
                + " .xlsx file?)")), runXlsx(admin(ACME), Kind.EMPLOYEES, new byte[] {1, 2, 3}, false).errors());
    }

    @Test
    void theImportAndTheApiRefuseAnActivationWithTheSameMessage() throws Exception {
        String free = newIccid();
        String used = newIccid();
        String luhnBroken = free.substring(0, 18) + (char) ('0' + (free.charAt(18) - '0' + 1) % 10);
        String unknown = newIccid();
        run(admin(ACME), Kind.SIMS, "iccid\n" + free + "\n" + used + "\n", false);
        run(admin(ACME), Kind.EMPLOYEES, "department,name,employeeNumber\nSalg,Kari,1001\n", false);
        String sales = bed.departments.list(admin(ACME)).stream().filter(d -> d.name().equals("Salg")).findFirst()
                .orElseThrow().id();
        bed.subscriptions.activate(admin(ACME), new Activation("41234567", SubscriptionKind.MOBILE, null, sales,
                "mobil-10", used, null, null, null));
        // number, kind, pricePlan, iccid, addons: each row breaks one rule, through a file and through the API.
        List<List<String>> cases = List.of(
                List.of("12345", "mobile", "mobil-10", free, ""),
                List.of("41234568", "mobile", "fast", free, ""),
                List.of("41234568", "mobile", "gold", free, ""),
                List.of("41234568", "mobile", "mobil-10", luhnBroken, ""),
                List.of("41234568", "mobile", "mobil-10", unknown, ""),
                List.of("41234568", "mobile", "mobil-10", used, ""),
                List.of("41234567", "mobile", "mobil-10", free, ""),
                List.of("41234568", "mobile", "mobil-10", "", ""),
                List.of("22123456", "fixed", "fast", free, ""),
                List.of("41234568", "mobile", "mobil-3", free, "data-rollover"),
                List.of("41234568", "mobile", "mobil-10", free, "twin-sim:" + used));
        for (List<String> c : cases) {
            ImportReport file = run(admin(ACME), Kind.SUBSCRIPTIONS, "number,kind,department,pricePlan,iccid,addons\n"
                    + c.get(0) + "," + c.get(1) + ",Salg," + c.get(2) + "," + c.get(3) + "," + c.get(4) + "\n", false);
            assertEquals(1, file.errors().size(), c + ": " + file.errors());
            DomainException api = assertThrows(DomainException.class, () -> bed.subscriptions.activate(admin(ACME),
                    new Activation(c.get(0), SubscriptionKind.valueOf(c.get(1).toUpperCase()), null, sales, c.get(2),
                            c.get(3).isEmpty() ? null : c.get(3), null, c.get(4).isEmpty() ? null
                            : List.of(c.get(4).startsWith("twin-sim") ? new Addon("twin-sim", null, null, null, used)
                            : Addon.of(c.get(4))), null)));
            assertEquals(1, api.errors().size(), c + ": " + api.errors());
            assertEquals(api.errors().get(0).message(), file.errors().get(0).message(), c.toString());
            assertEquals(api.errors().get(0).field().replaceAll("[\\[.].*$", ""), file.errors().get(0).column(),
                    c.toString());
        }
        assertEquals(List.of("1"), bed.column("SELECT count(*) FROM org_subscription"));
        assertEquals(List.of("IN_STOCK"), bed.column("SELECT status FROM org_sim WHERE iccid = '" + free + "'"));
    }

    private ImportReport run(SentralPrincipal caller, Kind kind, String csv, boolean dryRun) {
        return bed.importer.run(caller, kind, FileFormat.CSV, new ByteArrayInputStream(csv.getBytes(
                StandardCharsets.UTF_8)), dryRun);
    }

    private ImportReport runXlsx(SentralPrincipal caller, Kind kind, byte[] workbook, boolean dryRun) {
        return bed.importer.run(caller, kind, FileFormat.XLSX, new ByteArrayInputStream(workbook), dryRun);
    }

    static String csv(Exporter.Export export) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(FileFormat.CSV, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
