package no.sentral.organisation.internal.shell;

import java.util.List;
import no.sentral.organisation.internal.service.SubscriptionService;
import no.sentral.shell.TenantCompleter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "org-move", description = "Moves subscriptions to another department (all or none)")
@Service
public class OrgMoveCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true, description = "the company")
    @Completion(TenantCompleter.class)
    String tenant;

    @Argument(index = 1, name = "department", required = true, description = "id of the department to move to")
    String department;

    @Argument(index = 2, name = "subscriptions", required = true, multiValued = true, description = "subscription ids")
    List<String> ids;

    @Reference
    SubscriptionService subscriptions;

    @Override
    public Object execute() {
        int moved = subscriptions.move(ShellCaller.in(tenant), ids, department).size();
        System.out.println(moved + " subscription(s) now in department " + department);
        return null;
    }
}
