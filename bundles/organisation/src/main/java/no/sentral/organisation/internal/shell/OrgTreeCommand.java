package no.sentral.organisation.internal.shell;

import java.util.List;
import java.util.Map;
import no.sentral.api.organisation.Department;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.domain.DepartmentTree;
import no.sentral.organisation.internal.service.DepartmentService;
import no.sentral.organisation.internal.service.SubscriptionService;
import no.sentral.organisation.internal.service.SubscriptionService.Grouping;
import no.sentral.shell.TenantCompleter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "org-tree", description = "Shows a company's department tree with ids and"
        + " subscription counts")
@Service
public class OrgTreeCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true, description = "the company")
    @Completion(TenantCompleter.class)
    String tenant;

    @Reference
    DepartmentService departments;

    @Reference
    SubscriptionService subscriptions;

    @Override
    public Object execute() {
        SentralPrincipal caller = ShellCaller.in(tenant);
        List<Department> all = departments.list(caller);
        Map<String, Long> counts = subscriptions.summary(caller, null, Grouping.DEPARTMENT);
        DepartmentTree tree = new DepartmentTree(all);
        Map<String, Department> byId = new java.util.HashMap<>();
        all.forEach(d -> byId.put(d.id(), d));
        for (String top : tree.children(null)) {
            print(tree, byId, counts, top, 0);
        }
        return null;
    }

    private static void print(DepartmentTree tree, Map<String, Department> byId, Map<String, Long> counts, String id,
                              int depth) {
        Department d = byId.get(id);
        System.out.printf("%s%s  [%s]  %d subscription(s)%n", "  ".repeat(depth), d.name(), d.id(),
                counts.getOrDefault(d.id(), 0L));
        for (String child : tree.children(id)) {
            print(tree, byId, counts, child, depth + 1);
        }
    }
}
