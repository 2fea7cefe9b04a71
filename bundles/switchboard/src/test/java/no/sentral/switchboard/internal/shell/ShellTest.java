package no.sentral.switchboard.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.support.parsing.CommandLineImpl;
import org.junit.jupiter.api.Test;

class ShellTest {

    /** A command line as the console hands it to a completer, the cursor at the end of the last word. */
    private static CommandLine typed(String... words) {
        String buffer = String.join(" ", words);
        return new CommandLineImpl(words, words.length - 1, words[words.length - 1].length(), buffer.length(), buffer);
    }

    @Test
    void theTenantIsTheFirstWordAfterTheCommandThatIsNoOption() {
        assertEquals("demo", Arguments.tenant(typed("sentral:queues", "demo", "sa")));
        assertEquals("demo", Arguments.tenant(typed("sentral:calls", "-p", "demo", "")));
        assertNull(Arguments.tenant(typed("sentral:queues", "de")), "the tenant itself is being typed");
        assertNull(Arguments.tenant(typed("sentral:agents", "-p", "")));
    }

    @Test
    void namesStandInForIdsAndUnknownIdsStayAsTheyAre() {
        Names names = new Names(Map.of("salg", "Salg", "9909b0f1-2c4e-4a55-9a53-1d7a2b6a0c11", "Anders Jensen"));
        assertEquals("Salg", names.of("salg"));
        assertEquals("Anders Jensen", names.of("9909b0f1-2c4e-4a55-9a53-1d7a2b6a0c11"));
        assertEquals("+4721000000", names.of("+4721000000"));
        assertEquals("", names.of((String) null));
        assertEquals("Salg, kundeservice", names.of(List.of("salg", "kundeservice")));
        assertEquals("9909b0f1", Names.shortId("9909b0f1-2c4e-4a55-9a53-1d7a2b6a0c11"));
    }

    @Test
    void agesReadLikeAWallboard() {
        assertEquals("0:07", CallsCommand.age(Duration.ofSeconds(7)));
        assertEquals("12:05", CallsCommand.age(Duration.ofSeconds(725)));
        assertEquals("0:00", CallsCommand.age(Duration.ofSeconds(-1)));
    }
}
