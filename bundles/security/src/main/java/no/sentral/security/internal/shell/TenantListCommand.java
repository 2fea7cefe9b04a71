package no.sentral.security.internal.shell;

import no.sentral.api.security.Tenants;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "tenant-list", description = "Lists the companies (tenants)")
@Service
public class TenantListCommand implements Action {

    @Reference
    Tenants tenants;

    @Override
    public Object execute() {
        tenants.list().forEach(t -> System.out.printf("%-20s %s%n", t.id(), t.name()));
        return null;
    }
}
