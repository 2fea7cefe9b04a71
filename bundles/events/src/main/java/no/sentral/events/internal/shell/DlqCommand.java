package no.sentral.events.internal.shell;

import no.sentral.api.event.EventBackbone;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "sentral", name = "dlq", description = "Lists events that consumers gave up on, with the reason")
@Service
public class DlqCommand implements Action {

    @Option(name = "-n", description = "at most this many")
    int max = 50;

    @Reference
    EventBackbone backbone;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        for (String column : new String[] {"EVENT", "TYPE", "TENANT", "CONSUMER", "ATTEMPTS", "REASON"}) {
            table.column(column);
        }
        for (EventBackbone.DeadLetter d : backbone.deadLetters(max)) {
            table.addRow().addContent(d.eventId(), d.type(), d.tenant(), d.consumer(), d.attempts(), d.reason());
        }
        table.print(System.out);
        return null;
    }
}
