package no.sentral.switchboard.internal.shell;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
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

@Command(scope = "sentral", name = "queues", description = "Shows a company's queues and answer groups now:"
        + " waiting, longest wait and its colour, agents, and today's figures; for one queue also who waits")
@Service
public class QueuesCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true, description = "the company")
    @Completion(TenantCompleter.class)
    String tenant;

    @Argument(index = 1, name = "queue", description = "one queue or answer group (its id): also its waiting calls")
    @Completion(QueueCompleter.class)
    String queue;

    @Reference
    SwitchboardHost host;

    private record Snapshot(List<Views.Figures> figures, Names names) {
    }

    @Override
    public Object execute() {
        Snapshot snapshot = host.ask(tenant, e -> new Snapshot(Stream.concat(e.queues(tenant).stream(),
                e.groups(tenant).stream()).filter(f -> queue == null || f.id().equals(queue)).toList(),
                Names.of(e, tenant)));
        if (queue != null && snapshot.figures().isEmpty()) {
            throw DomainException.notFound("queue or answer group " + queue + " of " + tenant);
        }
        ShellTable table = new ShellTable();
        table.column("QUEUE");
        table.column("KIND");
        for (String figure : new String[] {"WAITING", "CALLBACKS", "LONGEST"}) {
            table.column(figure).alignRight();
        }
        table.column("COLOUR");
        for (String figure : new String[] {"AGENTS", "FREE", "ANSWERED", "ABANDONED", "SL %", "SL+AB %", "ASA", "AHT"}) {
            table.column(figure).alignRight();
        }
        for (Views.Figures f : snapshot.figures()) {
            table.addRow().addContent(f.name() + " (" + f.id() + ")", f.kind(), f.waiting(), f.callbacks(),
                    CallsCommand.age(Duration.ofSeconds(f.longestWaitSeconds())), f.colour(), f.agentsLoggedIn(),
                    f.agentsFree(), f.answered(), f.abandoned(), dash(f.serviceLevelPercent()),
                    dash(f.serviceLevelWithAbandonedPercent()), dash(f.averageAnswerSeconds()),
                    dash(f.averageHandleSeconds()));
        }
        table.print(System.out);
        if (queue != null) {
            Views.Figures f = snapshot.figures().get(0);
            System.out.println();
            ShellTable waiting = new ShellTable().emptyTableText("Nobody waiting.");
            waiting.column("#").alignRight();
            waiting.column("CALL");
            waiting.column("FROM");
            waiting.column("WAIT").alignRight();
            waiting.column("COLOUR");
            waiting.column("PRIORITY").alignRight();
            waiting.column("CALLBACK");
            waiting.column("RINGING");
            for (Views.Waiting w : f.calls()) {
                waiting.addRow().addContent(w.position(), Names.shortId(w.call()), w.from(),
                        CallsCommand.age(Duration.ofSeconds(w.waitSeconds())), w.colour(), w.priority(),
                        w.callback() ? "yes" : "", w.offered() ? "yes" : "");
            }
            waiting.print(System.out);
            System.out.println("Agents: " + (f.agents().isEmpty() ? "none" : snapshot.names().of(f.agents())));
        }
        return null;
    }

    private static String dash(Object value) {
        return value == null ? "-" : value.toString();
    }
}
