package no.sentral.switchboard.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import no.sentral.api.telephony.Hop;
import no.sentral.shell.TenantCompleter;
import no.sentral.switchboard.internal.engine.CallView;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "sentral", name = "calls", description = "Shows a company's live calls: state, age, the queue they"
        + " wait in or the person they talk to, and (with -p) the path they took")
@Service
public class CallsCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true, description = "the company")
    @Completion(TenantCompleter.class)
    String tenant;

    @Option(name = "-p", aliases = "--path", description = "Show each call's path")
    boolean path;

    @Reference
    SwitchboardHost host;

    /** Times as the people on the switchboard read them. */
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.of("Europe/Oslo"));

    private record Snapshot(List<CallView> calls, Names names) {
    }

    @Override
    public Object execute() {
        Instant now = Instant.now();
        Snapshot snapshot = host.ask(tenant, e -> new Snapshot(e.calls(tenant), Names.of(e, tenant)));
        Names names = snapshot.names();
        ShellTable table = new ShellTable();
        table.column("CALL");
        table.column("STATE");
        table.column("DIRECTION");
        table.column("FROM");
        table.column("TO");
        table.column("AGE").alignRight();
        table.column("QUEUE");
        table.column("WITH");
        for (CallView c : snapshot.calls()) {
            table.addRow().addContent(Names.shortId(c.call()), c.state(), c.direction(), c.from(), c.to(),
                    age(Duration.between(c.startedAt(), now)), names.of(c.queue()), names.of(c.user()));
        }
        table.print(System.out);
        System.out.println(snapshot.calls().size() + " call(s)");
        if (path) {
            for (CallView c : snapshot.calls()) {
                System.out.printf("%nPath of %s (%s to %s)%n", Names.shortId(c.call()), c.from(), c.to());
                ShellTable hops = new ShellTable();
                hops.column("AT (OSLO)");
                hops.column("STEP");
                hops.column("WHERE");
                hops.column("DETAIL");
                for (Hop h : c.path()) {
                    hops.addRow().addContent(CLOCK.format(h.at()), h.kind(), names.of(h.target()), h.detail() == null ? "" : h.detail());
                }
                hops.print(System.out);
            }
        }
        return null;
    }

    /** m:ss, the way a wallboard shows a wait. */
    static String age(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        return String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}
