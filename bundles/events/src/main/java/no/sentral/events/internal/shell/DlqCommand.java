package no.sentral.events.internal.shell;

import no.sentral.api.event.EventBackbone;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "dlq", description = "Lists events that consumers gave up on, with the reason")
@Service
public class DlqCommand implements Action {

    @Option(name = "-n", description = "at most this many")
    int max = 50;

    @Reference
    EventBackbone backbone;

    @Override
    public Object execute() {
        for (EventBackbone.DeadLetter d : backbone.deadLetters(max)) {
            System.out.printf("%s %-28s tenant=%-12s consumer=%-20s attempts=%d reason=%s%n", d.eventId(), d.type(),
                    d.tenant(), d.consumer(), d.attempts(), d.reason());
        }
        return null;
    }
}
