package no.sentral.security.internal.shell;

import no.sentral.api.security.ApiTokens;
import no.sentral.api.security.Role;
import no.sentral.shell.TenantCompleter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "token-create",
        description = "Creates an API token for a system; the token is shown only now")
@Service
public class TokenCreateCommand implements Action {

    @Argument(index = 0, name = "tenant", required = true, description = "the company")
    @Completion(TenantCompleter.class)
    String tenant;

    @Argument(index = 1, name = "name", required = true, description = "what the token is for, e.g. hr-sync")
    String name;

    @Argument(index = 2, name = "roles", required = true, description = "comma-separated roles")
    String roles;

    @Reference
    ApiTokens tokens;

    @Override
    public Object execute() {
        System.out.println(tokens.create(tenant, name, Role.parse(roles)).token());
        return null;
    }
}
