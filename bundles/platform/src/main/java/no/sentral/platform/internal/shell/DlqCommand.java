package no.sentral.platform.internal.shell;

import no.sentral.platform.internal.events.Broker;
import no.sentral.platform.internal.events.DeadLetters;
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
    Broker broker;

    @Override
    public Object execute() throws Exception {
        for (DeadLetters.DeadLetter d : DeadLetters.browse(broker.connectionFactory(), max)) {
            System.out.printf("%s %-28s tenant=%-12s consumer=%-20s attempts=%d reason=%s%n", d.eventId(), d.type(),
                    d.tenant(), d.consumer(), d.attempts(), d.reason());
        }
        return null;
    }
}
