package no.sentral.security.internal.shell;

import java.util.Set;
import no.sentral.api.security.Accounts;
import no.sentral.api.security.Role;
import no.sentral.api.security.Secrets;
import no.sentral.shell.TenantCompleter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "account-add",
        description = "Adds a person's login to a company; prints a generated password unless one is given")
@Service
public class AccountAddCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true, description = "the company")
    @Completion(TenantCompleter.class)
    String tenant;

    @Argument(index = 1, name = "username", required = true)
    String username;

    @Argument(index = 2, name = "roles", required = true,
            description = "comma-separated: company-admin, department-admin, switchboard-operator, employee, payroll")
    String roles;

    @Option(name = "--password", description = "at least 12 characters; generated when left out")
    String password;

    @Option(name = "--departments", description = "comma-separated department ids (department admins)")
    String departments;

    @Reference
    Accounts accounts;

    @Override
    public Object execute() {
        String secret = password == null ? Secrets.random(15) : password;
        accounts.create(tenant, username, secret, Role.parse(roles),
                departments == null ? Set.of() : Set.of(departments.split(",")));
        System.out.println("account " + username + " added to " + tenant
                + (password == null ? "; password: " + secret : ""));
        return null;
    }
}
