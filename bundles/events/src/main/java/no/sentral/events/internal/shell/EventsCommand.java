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
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;

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
        print(type, printed, true);
        long until = System.currentTimeMillis() + followSeconds * 1000L;
        while (System.currentTimeMillis() < until) {
            recent.awaitNew(Math.max(1, until - System.currentTimeMillis()));
            print(type, printed, false);
        }
        return null;
    }

    /** Fixed widths, so that the rows printed while following line up under the first ones. */
    private static final String[] COLUMNS = {"TIME", "TYPE", "TENANT", "ID", "SUBJECT", "DATA"};
    private static final int[] WIDTHS = {30, 32, 12, 36, 36, 0};

    private void print(String type, Set<String> printed, boolean headers) {
        ShellTable table = new ShellTable();
        for (int i = 0; i < COLUMNS.length; i++) {
            Col column = table.column(WIDTHS[i] == 0 ? COLUMNS[i] : fixed(COLUMNS[i], WIDTHS[i]));
            if (WIDTHS[i] > 0) {
                column.maxSize(WIDTHS[i]);
            }
        }
        if (!headers) {
            table.noHeaders();
        }
        int rows = 0;
        for (CloudEvent e : recent.last(type, count)) {
            if (printed.add(e.id())) {
                Object[] cells = {e.time() == null ? "" : e.time(), e.type(), e.tenant(), e.id(), e.subject() == null ? "" : e.subject(),
                        e.data() == null ? "" : e.data()};
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = WIDTHS[i] == 0 ? cells[i] : fixed(cells[i], WIDTHS[i]);
                }
                table.addRow().addContent(cells);
                rows++;
            }
        }
        if (headers || rows > 0) {
            table.print(System.out);
        }
    }

    private static String fixed(Object value, int width) {
        return String.format("%-" + width + "s", value);
    }
}
