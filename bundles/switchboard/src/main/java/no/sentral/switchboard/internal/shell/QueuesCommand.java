package no.sentral.switchboard.internal.shell;

import no.sentral.switchboard.internal.engine.Views;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "queues", description = "Shows a company's queues and answer groups now:"
        + " waiting, longest wait and its colour, agents, and today's figures")
@Service
public class QueuesCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true)
    String tenant;

    @Reference
    SwitchboardHost host;

    @Override
    public Object execute() {
        System.out.printf("%-6s %-20s %7s %9s %8s %7s %6s %8s %8s %9s %8s %9s %5s %5s%n", "KIND", "ID", "WAITING",
                "CALLBACKS", "LONGEST", "COLOUR", "AGENTS", "FREE", "ANSWERED", "ABANDONED", "SL %", "SL+ab %",
                "ASA", "AHT");
        var all = host.ask(tenant, e -> java.util.stream.Stream.concat(e.queues(tenant).stream(),
                e.groups(tenant).stream()).toList());
        for (Views.Figures f : all) {
            System.out.printf("%-6s %-20s %7d %9d %7ds %7s %6d %8d %8d %9d %8s %9s %5s %5s%n", f.kind(), f.id(),
                    f.waiting(), f.callbacks(), f.longestWaitSeconds(), f.colour(), f.agentsLoggedIn(), f.agentsFree(),
                    f.answered(), f.abandoned(), dash(f.serviceLevelPercent()), dash(f.serviceLevelWithAbandonedPercent()),
                    dash(f.averageAnswerSeconds()), dash(f.averageHandleSeconds()));
        }
        return null;
    }

    private static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
