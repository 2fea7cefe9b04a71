package no.sentral.organisation.internal.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import no.sentral.organisation.internal.service.CompanyService;
import no.sentral.api.organisation.Agreement;
import no.sentral.shell.TenantCompleter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "sentral", name = "org-agreement", description = "Shows a company's agreement, or replaces it with"
        + " the JSON in a file ({\"pricePlans\": [...], \"addons\": [...]})")
@Service
public class OrgAgreementCommand implements Action {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Argument(index = 0, name = "tenant", required = true, description = "the company")
    @Completion(TenantCompleter.class)
    String tenant;

    @Argument(index = 1, name = "file", description = "JSON file with the new agreement")
    @Completion(FileCompleter.class)
    String file;

    @Reference
    CompanyService companies;

    @Override
    public Object execute() throws Exception {
        Agreement agreement = file == null ? companies.agreement(tenant)
                : companies.setAgreement(ShellCaller.in(tenant).getName(), tenant,
                JSON.readValue(Files.readString(Path.of(file)), Agreement.class));
        System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(agreement));
        return null;
    }
}
