package no.sentral.switchboard.internal.shell;

import java.util.List;
import no.sentral.api.failure.DomainException;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/**
 * Completes something of the company typed before it; offers nothing while no company is typed or
 * the company has no switchboard.
 */
abstract class CompanyCompleter implements Completer {

    /** What the company has to offer; throws DomainException when it has no switchboard. */
    abstract List<String> candidates(String tenant);

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        String tenant = Arguments.tenant(commandLine);
        if (tenant == null) {
            return -1;
        }
        List<String> offered;
        try {
            offered = candidates(tenant);
        } catch (DomainException noSwitchboard) {
            return -1;
        }
        return new StringsCompleter(offered).complete(session, commandLine, candidates);
    }
}
