package no.sentral.events.internal.shell;

import java.util.HashSet;
import java.util.Set;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.events.internal.RecentEvents;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "events", description = "Shows the recent events of an address (or of all)")
@Service
public class EventsCommand implements Action {

    @Argument(name = "address", description = "e.g. sentral.call.ended or call.ended; all when left out")
    String address;

    @Option(name = "-n", description = "how many events")
    int count = 20;

    @Option(name = "-f", aliases = "--follow", description = "keep printing new events for this many seconds")
    int followSeconds;

    @Reference
    RecentEvents recent;

    @Override
    public Object execute() throws InterruptedException {
        String type = address == null ? null : EventAddress.parse(address).toString();
        Set<String> printed = new HashSet<>();
        print(type, printed);
        long until = System.currentTimeMillis() + followSeconds * 1000L;
        while (System.currentTimeMillis() < until) {
            recent.awaitNew(Math.max(1, until - System.currentTimeMillis()));
            print(type, printed);
        }
        return null;
    }

    private void print(String type, Set<String> printed) {
        for (CloudEvent e : recent.last(type, count)) {
            if (printed.add(e.id())) {
                System.out.printf("%s %-32s tenant=%-12s id=%s%s %s%n", e.time(), e.type(), e.tenant(), e.id(),
                        e.subject() == null ? "" : " subject=" + e.subject(), e.data() == null ? "" : e.data());
            }
        }
    }
}
