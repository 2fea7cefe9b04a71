package no.sentral.organisation.internal.io;

import static no.sentral.organisation.internal.OrgTestBed.ACME;
import static no.sentral.organisation.internal.OrgTestBed.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import no.sentral.organisation.internal.OrgTestBed;
import no.sentral.organisation.internal.domain.Identifiers;
import no.sentral.organisation.internal.io.ImportReport.RowError;
import no.sentral.organisation.internal.io.Importer.Kind;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100,000 rows in and out in a small heap: Surefire runs this class alone in a JVM with {@code -Xmx96m}
 * (see the POM), so an import or export that held its rows in memory would die of OutOfMemoryError
 * here. The files are on disk and the exports go to disk, as they would to a client.
 */
class LargeImportTest {

    private static final int ROWS = 100_000;
    private static final String[] DEPARTMENTS = {"Salg", "Salg/Nord", "Drift", "Kundeservice"};

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @TempDir
    static Path dir;

    private static OrgTestBed bed;

    @BeforeAll
    static void setUp() throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() <= 100L * 1024 * 1024, "this test must run in a heap of 96 MiB,"
                + " not " + Runtime.getRuntime().maxMemory() / 1024 / 1024 + " MiB");
        bed = new OrgTestBed(postgres);
        StringBuilder departments = new StringBuilder("path\n");
        for (String department : DEPARTMENTS) {
            departments.append(department).append('\n');
        }
        assertEquals(List.of(), import_(Kind.DEPARTMENTS, FileFormat.CSV, write("departments.csv",
                departments.toString()), false).errors());
    }

    @Test
    void aHundredThousandRowsGoInAndComeOutInASmallHeap() throws Exception {
        Path sims = dir.resolve("sims.csv");
        Path employees = dir.resolve("employees.csv");
        Path subscriptions = dir.resolve("subscriptions.csv");
        try (BufferedWriter s = Files.newBufferedWriter(sims); BufferedWriter e = Files.newBufferedWriter(employees);
             BufferedWriter b = Files.newBufferedWriter(subscriptions)) {
            s.write("iccid\n");
            e.write("department;name;email;mobile;title;employeeNumber\n");
            b.write("number,kind,department,employee,pricePlan,iccid,addons,directory\n");
            for (int i = 0; i < ROWS; i++) {
                String department = DEPARTMENTS[i % DEPARTMENTS.length];
                s.write(iccid(i) + "\n");
                e.write(department + ";Person " + i + ";person" + i + "@acme.example;" + (40_000_000 + i)
                        + ";Konsulent;" + (100_000 + i) + "\n");
                b.write((40_000_000 + i) + ",mobile," + department + "," + (100_000 + i) + ",mobil-10," + iccid(i)
                        + ",data-rollover,unlisted\n");
            }
        }
        assertCreated(import_(Kind.SIMS, FileFormat.CSV, sims, false));
        assertCreated(import_(Kind.EMPLOYEES, FileFormat.CSV, employees, false));
        ImportReport dry = import_(Kind.SUBSCRIPTIONS, FileFormat.CSV, subscriptions, true);
        assertEquals(List.of(), dry.errors());
        assertEquals(ROWS, dry.rows());
        assertCreated(import_(Kind.SUBSCRIPTIONS, FileFormat.CSV, subscriptions, false));
        assertEquals(List.of(String.valueOf(ROWS)), bed.column("SELECT count(*) FROM org_subscription"));
        assertEquals(List.of(String.valueOf(ROWS)), bed.column("SELECT count(*) FROM platform_event_outbox"
                + " WHERE type = 'sentral.subscription.activated'"));

        // The same file again: every row's SIM and number are taken. The report lists 1,000 and counts the rest.
        ImportReport again = import_(Kind.SUBSCRIPTIONS, FileFormat.CSV, subscriptions, false);
        assertEquals(Importer.MAX_LISTED_ERRORS + 1, again.errors().size());
        RowError firstError = new RowError(2, "iccid", "SIM " + iccid(0) + " is not unused: it is active");
        assertEquals(firstError, again.errors().get(0));
        assertEquals(2 * ROWS - Importer.MAX_LISTED_ERRORS + " more errors are not listed",
                again.errors().get(Importer.MAX_LISTED_ERRORS).message());

        // Out as a workbook, streamed to a file, and back in (a dry run: all of it checks out as already there).
        Path workbook = dir.resolve("subscriptions.xlsx");
        try (OutputStream out = Files.newOutputStream(workbook)) {
            bed.exporter.export(admin(ACME), Kind.SUBSCRIPTIONS).write(FileFormat.XLSX, out);
        }
        Path csv = dir.resolve("employees-export.csv");
        try (OutputStream out = Files.newOutputStream(csv)) {
            bed.exporter.export(admin(ACME), Kind.EMPLOYEES).write(FileFormat.CSV, out);
        }
        try (var lines = Files.lines(csv)) {
            assertEquals(ROWS + 1, lines.count());
        }
        try (Csv.Rows rows = Xlsx.read(workbook)) {
            assertEquals(Kind.SUBSCRIPTIONS.columns(), rows.header());
            int count = 0;
            Csv.Row first = rows.next();
            for (Csv.Row row = first; row != null; row = rows.next()) {
                count++;
            }
            assertEquals(ROWS, count);
            assertEquals("+4740000000", first.get("number"));
            assertEquals(iccid(0), first.get("iccid"));
            assertEquals("100000", first.get("employee"));
        }
        ImportReport fromWorkbook = import_(Kind.SUBSCRIPTIONS, FileFormat.XLSX, workbook, true);
        assertEquals(ROWS, fromWorkbook.rows());
        assertEquals(firstError, fromWorkbook.errors().get(0));
    }

    private static void assertCreated(ImportReport report) {
        assertEquals(List.of(), report.errors());
        assertEquals(ROWS, report.created());
        assertTrue(report.applied());
    }

    private static ImportReport import_(Kind kind, FileFormat format, Path file, boolean dryRun) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return bed.importer.run(admin(ACME), kind, format, in, dryRun);
        }
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static String iccid(int i) {
        String body = String.format("89470%013d", i);
        return body + Identifiers.luhnDigit(body);
    }
}
