package no.sentral.switchboard.internal.shell;

import java.util.List;
import org.apache.karaf.shell.api.console.CommandLine;

/** Reading a command line being completed: the switchboard's commands all start with the company. */
final class Arguments {

    private Arguments() {
    }

    /** The tenant typed so far: the first word after the command that is not an option; null if none yet. */
    static String tenant(CommandLine line) {
        List<String> words = List.of(line.getArguments());
        for (int i = 1; i < words.size() && i < line.getCursorArgumentIndex(); i++) {
            if (!words.get(i).startsWith("-")) {
                return words.get(i);
            }
        }
        return null;
    }
}
