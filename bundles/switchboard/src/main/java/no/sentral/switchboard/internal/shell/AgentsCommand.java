package no.sentral.switchboard.internal.shell;

import java.util.List;
import no.sentral.api.failure.DomainException;
import no.sentral.shell.TenantCompleter;
import no.sentral.switchboard.internal.engine.Views;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "sentral", name = "agents", description = "Shows a company's people on the switchboard: state,"
        + " availability, queues logged into and today's calls (a wallboard)")
@Service
public class AgentsCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true, description = "the company")
    @Completion(TenantCompleter.class)
    String tenant;

    @Argument(index = 1, name = "user", description = "one person: username (or employee id)")
    @Completion(UserCompleter.class)
    String user;

    @Reference
    SwitchboardHost host;

    private record Snapshot(List<Views.Agent> agents, Names names) {
    }

    @Override
    public Object execute() {
        Snapshot snapshot = host.ask(tenant, e -> {
            String id = user == null ? null : e.userOf(tenant, user).orElse(user);
            return new Snapshot(e.agents(tenant).stream().filter(a -> id == null || a.user().equals(id)).toList(),
                    Names.of(e, tenant));
        });
        if (user != null && snapshot.agents().isEmpty()) {
            throw DomainException.notFound("switchboard user " + user + " of " + tenant);
        }
        ShellTable table = new ShellTable();
        table.column("NAME");
        table.column("ID");
        table.column("STATE");
        table.column("AVAILABLE");
        for (String figure : new String[] {"OFFERED", "ANSWERED", "MISSED", "AHT"}) {
            table.column(figure).alignRight();
        }
        table.column("QUEUES");
        for (Views.Agent a : snapshot.agents()) {
            table.addRow().addContent(a.name(), Names.shortId(a.user()), a.state(),
                    a.availability().name().toLowerCase(), a.offered(), a.answered(), a.missed(),
                    a.averageHandleSeconds() == null ? "-" : a.averageHandleSeconds(), snapshot.names().of(a.queues()));
        }
        table.print(System.out);
        return null;
    }
}
