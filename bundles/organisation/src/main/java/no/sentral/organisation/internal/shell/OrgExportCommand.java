package no.sentral.organisation.internal.shell;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import no.sentral.organisation.internal.io.Exporter;
import no.sentral.organisation.internal.io.FileFormat;
import no.sentral.organisation.internal.io.Importer;
import no.sentral.shell.TenantCompleter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "sentral", name = "org-export", description = "Exports a company's departments, employees, sims or"
        + " subscriptions as CSV or .xlsx (to a file, or printed)")
@Service
public class OrgExportCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true, description = "the company")
    @Completion(TenantCompleter.class)
    String tenant;

    @Argument(index = 1, name = "kind", required = true, description = "departments, employees, sims or subscriptions")
    @Completion(ImportKindCompleter.class)
    String kind;

    @Argument(index = 2, name = "file", description = "where to write (.csv or .xlsx); printed as CSV when left out")
    @Completion(FileCompleter.class)
    String file;

    @Reference
    Exporter exporter;

    @Override
    public Object execute() throws Exception {
        Exporter.Export export = exporter.export(ShellCaller.in(tenant), Importer.Kind.parse(kind));
        if (file == null) {
            export.write(FileFormat.CSV, System.out);
        } else {
            try (OutputStream out = Files.newOutputStream(Path.of(file))) {
                export.write(FileFormat.ofFileName(file), out);
            }
            System.out.println("written to " + file);
        }
        return null;
    }
}
