package no.sentral.switchboard.internal.shell;

import no.sentral.switchboard.internal.engine.Views;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "agents", description = "Shows a company's people on the switchboard: state,"
        + " availability, queues logged into and today's calls (a wallboard)")
@Service
public class AgentsCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true)
    String tenant;

    @Reference
    SwitchboardHost host;

    @Override
    public Object execute() {
        System.out.printf("%-36s %-24s %-11s %-11s %7s %8s %6s %5s  %s%n", "USER", "NAME", "STATE", "AVAILABLE",
                "OFFERED", "ANSWERED", "MISSED", "AHT", "QUEUES");
        for (Views.Agent a : host.ask(tenant, e -> e.agents(tenant))) {
            System.out.printf("%-36s %-24s %-11s %-11s %7d %8d %6d %5s  %s%n", a.user(), a.name(), a.state(),
                    a.availability().name().toLowerCase(), a.offered(), a.answered(), a.missed(),
                    a.averageHandleSeconds() == null ? "-" : a.averageHandleSeconds(), String.join(",", a.queues()));
        }
        return null;
    }
}
