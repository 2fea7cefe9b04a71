package no.sentral.switchboard.internal.shell;

import java.util.List;
import java.util.stream.Stream;
import no.sentral.api.failure.DomainException;
import no.sentral.switchboard.internal.engine.Views;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes the id of a queue or answer group of the company typed before it. */
@Service
public class QueueCompleter implements Completer {

    @Reference
    SwitchboardHost host;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String tenant = Arguments.tenant(commandLine);
        if (tenant == null) {
            return -1;
        }
        List<String> ids;
        try {
            ids = host.ask(tenant, e -> Stream.concat(e.queues(tenant).stream(), e.groups(tenant).stream())
                    .map(Views.Figures::id).toList());
        } catch (DomainException noSwitchboard) {
            return -1;
        }
        return new StringsCompleter(ids).complete(session, commandLine, candidates);
    }
}
