package no.sentral.organisation.internal.shell;

import java.nio.file.Path;
import no.sentral.organisation.internal.io.FileFormat;
import no.sentral.organisation.internal.io.ImportReport;
import no.sentral.organisation.internal.io.Importer;
import no.sentral.shell.TenantCompleter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "sentral", name = "org-import", description = "Imports a CSV or .xlsx file of departments, employees,"
        + " sims or subscriptions into a company: all rows or none")
@Service
public class OrgImportCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true, description = "the company")
    @Completion(TenantCompleter.class)
    String tenant;

    @Argument(index = 1, name = "kind", required = true, description = "departments, employees, sims or subscriptions")
    @Completion(ImportKindCompleter.class)
    String kind;

    @Argument(index = 2, name = "file", required = true, description = "CSV or .xlsx file with a header row")
    @Completion(FileCompleter.class)
    String file;

    @Option(name = "--dry-run", description = "check every row and report, keep nothing")
    boolean dryRun;

    @Reference
    Importer importer;

    @Override
    public Object execute() throws Exception {
        ImportReport report = importer.run(ShellCaller.in(tenant), Importer.Kind.parse(kind),
                FileFormat.ofFileName(file), Path.of(file), dryRun);
        if (!report.errors().isEmpty()) {
            ShellTable table = new ShellTable();
            table.column("LINE").alignRight();
            table.column("COLUMN");
            table.column("PROBLEM");
            for (ImportReport.RowError e : report.errors()) {
                table.addRow().addContent(e.line(), e.column() == null ? "" : e.column(), e.message());
            }
            table.print(System.out);
        }
        System.out.printf("%s: %d row(s), %s%n", report.kind(), report.rows(), report.applied()
                ? report.created() + " created" : report.errors().isEmpty() ? "dry run: no errors, nothing kept"
                : report.errors().size() + " error(s), nothing kept");
        return null;
    }
}
