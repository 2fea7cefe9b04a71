package no.sentral.switchboard.internal.shell;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.Organisation;
import no.sentral.switchboard.internal.engine.Views;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the username of a person on the switchboard of the company typed before it. */
@Service
public class UserCompleter extends CompanyCompleter {

    @Reference
    SwitchboardHost host;

    @Reference
    Organisation organisation;

    @Override
    List<String> candidates(String tenant) {
        Set<String> agents = host.ask(tenant, e -> e.agents(tenant).stream().map(Views.Agent::user)
                .collect(Collectors.toSet()));
        return organisation.employees(tenant).stream().filter(e -> agents.contains(e.id()))
                .map(Employee::username).filter(Objects::nonNull).toList();
    }
}
