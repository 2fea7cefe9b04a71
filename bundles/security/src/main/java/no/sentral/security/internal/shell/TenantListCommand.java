package no.sentral.security.internal.shell;

import no.sentral.api.security.Tenants;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "sentral", name = "tenant-list", description = "Lists the companies (tenants)")
@Service
public class TenantListCommand implements Action {

    @Reference
    Tenants tenants;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("NAME");
        tenants.list().forEach(t -> table.addRow().addContent(t.id(), t.name()));
        table.print(System.out);
        return null;
    }
}
