package no.sentral.organisation.internal.shell;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import no.sentral.organisation.internal.io.Importer;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

/** Completes what {@code org-import} and {@code org-export} move: departments, employees, sims, subscriptions. */
@Service
public class ImportKindCompleter implements Completer {

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return new StringsCompleter(Stream.of(Importer.Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT))
                .toList()).complete(session, commandLine, candidates);
    }
}
