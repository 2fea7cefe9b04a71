package no.sentral.shell;

import java.util.List;
import no.sentral.api.security.Tenants;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes a company id, the tenant argument of Sentral's commands: {@code @Completion(TenantCompleter.class)}. */
@Service
public class TenantCompleter implements Completer {

    @Reference
    Tenants tenants;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(tenants.list().stream().map(Tenants.Tenant::id).toList())
                .complete(session, commandLine, candidates);
    }
}
