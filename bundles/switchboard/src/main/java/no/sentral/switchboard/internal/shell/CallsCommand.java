package no.sentral.switchboard.internal.shell;

import java.time.Duration;
import java.time.Instant;
import no.sentral.api.telephony.Hop;
import no.sentral.switchboard.internal.engine.CallView;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "calls", description = "Shows a company's live calls: state, age, where they are"
        + " and (with -p) the path they took")
@Service
public class CallsCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true)
    String tenant;

    @Option(name = "-p", aliases = "--path", description = "Show each call's path")
    boolean path;

    @Reference
    SwitchboardHost host;

    @Override
    public Object execute() {
        Instant now = Instant.now();
        var calls = host.ask(tenant, e -> e.calls(tenant));
        System.out.printf("%-36s %-13s %-14s %-16s %-16s %6s  %s%n", "CALL", "STATE", "DIRECTION", "FROM", "TO", "AGE",
                "QUEUE/USER");
        for (CallView c : calls) {
            System.out.printf("%-36s %-13s %-14s %-16s %-16s %5ds  %s%n", c.call(), c.state(), c.direction(), c.from(),
                    c.to(), Duration.between(c.startedAt(), now).toSeconds(), c.user() != null ? c.user()
                            : c.queue() == null ? "" : c.queue());
            if (path) {
                for (Hop h : c.path()) {
                    System.out.printf("    %s  %-10s %s %s%n", h.at(), h.kind(), h.target() == null ? "" : h.target(),
                            h.detail() == null ? "" : h.detail());
                }
            }
        }
        System.out.println(calls.size() + " call(s)");
        return null;
    }
}
