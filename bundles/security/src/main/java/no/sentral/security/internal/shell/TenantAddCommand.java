package no.sentral.security.internal.shell;

import no.sentral.api.security.Tenants;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "tenant-add", description = "Adds a company (tenant)")
@Service
public class TenantAddCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "short id, e.g. acme")
    String id;

    @Argument(index = 1, name = "name", required = true, description = "the company's name")
    String name;

    @Reference
    Tenants tenants;

    @Override
    public Object execute() {
        tenants.create(id, name);
        System.out.println("tenant " + id + " added");
        return null;
    }
}
