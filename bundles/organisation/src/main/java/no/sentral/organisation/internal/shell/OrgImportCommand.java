package no.sentral.organisation.internal.shell;

import java.nio.file.Path;
import no.sentral.organisation.internal.io.FileFormat;
import no.sentral.organisation.internal.io.ImportReport;
import no.sentral.organisation.internal.io.Importer;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "org-import", description = "Imports a CSV or .xlsx file of departments, employees,"
        + " sims or subscriptions into a company: all rows or none")
@Service
public class OrgImportCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true)
    String tenant;

    @Argument(index = 1, name = "kind", required = true, description = "departments, employees, sims or subscriptions")
    String kind;

    @Argument(index = 2, name = "file", required = true, description = "CSV or .xlsx file with a header row")
    String file;

    @Option(name = "--dry-run", description = "check every row and report, keep nothing")
    boolean dryRun;

    @Reference
    Importer importer;

    @Override
    public Object execute() throws Exception {
        ImportReport report = importer.run(ShellCaller.in(tenant), Importer.Kind.parse(kind),
                FileFormat.ofFileName(file), Path.of(file), dryRun);
        for (ImportReport.RowError e : report.errors()) {
            System.out.printf("line %d%s: %s%n", e.line(), e.column() == null ? "" : " (" + e.column() + ")",
                    e.message());
        }
        System.out.printf("%s: %d row(s), %s%n", report.kind(), report.rows(), report.applied()
                ? report.created() + " created" : report.errors().isEmpty() ? "dry run: no errors, nothing kept"
                : report.errors().size() + " error(s), nothing kept");
        return null;
    }
}
