package no.sentral.switchboard.internal.shell;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import no.sentral.api.failure.DomainException;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.Organisation;
import no.sentral.switchboard.internal.engine.Views;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the username of a person on the switchboard of the company typed before it. */
@Service
public class UserCompleter implements Completer {

    @Reference
    SwitchboardHost host;

    @Reference
    Organisation organisation;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String tenant = Arguments.tenant(commandLine);
        if (tenant == null) {
            return -1;
        }
        Set<String> agents;
        try {
            agents = host.ask(tenant, e -> e.agents(tenant).stream().map(Views.Agent::user).collect(Collectors.toSet()));
        } catch (DomainException noSwitchboard) {
            return -1;
        }
        List<String> usernames = organisation.employees(tenant).stream().filter(e -> agents.contains(e.id()))
                .map(Employee::username).filter(Objects::nonNull).toList();
        return new StringsCompleter(usernames).complete(session, commandLine, candidates);
    }
}
