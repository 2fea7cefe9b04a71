package no.sentral.organisation.internal.shell;

import no.sentral.api.organisation.Subscription;
import no.sentral.organisation.internal.service.Page;
import no.sentral.organisation.internal.service.SubscriptionService;
import no.sentral.organisation.internal.service.SubscriptionService.Filter;
import no.sentral.shell.TenantCompleter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "sentral", name = "org-subscriptions", description = "Lists a company's subscriptions")
@Service
public class OrgSubscriptionsCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true, description = "the company")
    @Completion(TenantCompleter.class)
    String tenant;

    @Option(name = "--department", description = "department id (with its sub-departments)")
    String department;

    @Option(name = "--number", description = "part of the number")
    String number;

    @Option(name = "--limit", description = "at most this many (default 50)")
    int limit = 50;

    @Reference
    SubscriptionService subscriptions;

    @Override
    public Object execute() {
        Page<Subscription> page = subscriptions.list(ShellCaller.in(tenant), new Filter(department, true, null, null,
                null, null, number), Page.Window.of(0, limit));
        ShellTable table = new ShellTable();
        for (String column : new String[] {"NUMBER", "KIND", "STATUS", "PRICE PLAN", "ID"}) {
            table.column(column);
        }
        for (Subscription s : page.items()) {
            table.addRow().addContent(s.number(), s.kind(), s.status(), s.pricePlan(), s.id());
        }
        table.print(System.out);
        System.out.printf("%d of %d%n", page.items().size(), page.total());
        return null;
    }
}
