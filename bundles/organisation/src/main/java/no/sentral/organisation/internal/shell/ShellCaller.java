package no.sentral.organisation.internal.shell;

import java.security.AccessController;
import java.util.EnumSet;
import java.util.Set;
import javax.security.auth.Subject;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * The shell is the platform admin's: a command acts inside the company it names as that company's
 * admin, and the audit log names the Karaf user as {@code shell:<user>}.
 */
final class ShellCaller {

    private ShellCaller() {
    }

    @SuppressWarnings("removal") // Karaf 4.4 still carries the shell user in the access-control context
    static SentralPrincipal in(String tenant) {
        Subject subject = Subject.getSubject(AccessController.getContext());
        String user = subject == null ? "console" : subject.getPrincipals(UserPrincipal.class).stream()
                .map(UserPrincipal::getName).findFirst().orElse("console");
        return new SentralPrincipal("shell:" + user, tenant, EnumSet.of(Role.COMPANY_ADMIN), Set.of(), false);
    }
}
