package no.sentral.switchboard.internal.shell;

import java.util.List;
import java.util.stream.Stream;
import no.sentral.switchboard.internal.engine.Views;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Completes the id of a queue or answer group of the company typed before it. */
@Service
public class QueueCompleter extends CompanyCompleter {

    @Reference
    SwitchboardHost host;

    @Override
    List<String> candidates(String tenant) {
        return host.ask(tenant, e -> Stream.concat(e.queues(tenant).stream(), e.groups(tenant).stream())
                .map(Views.Figures::id).toList());
    }
}
