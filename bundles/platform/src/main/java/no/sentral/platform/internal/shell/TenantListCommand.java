package no.sentral.platform.internal.shell;

import no.sentral.platform.internal.security.AccountStore;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "tenant-list", description = "Lists the companies (tenants)")
@Service
public class TenantListCommand implements Action {

    @Reference
    AccountStore accounts;

    @Override
    public Object execute() {
        accounts.tenants().forEach(t -> System.out.printf("%-20s %s%n", t.id(), t.name()));
        return null;
    }
}
