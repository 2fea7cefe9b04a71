package no.sentral.switchboard.internal.engine;

import static no.sentral.switchboard.internal.config.Destination.Type.MENU;
import static no.sentral.switchboard.internal.config.Destination.Type.USER;
import static no.sentral.switchboard.internal.engine.Plan.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import no.sentral.api.telephony.Command;
import org.junit.jupiter.api.Test;

/** IVR menus (PBX-03): nested choices, timeout to the default, wrong keys repeated then the default. */
class MenuTest {

    private static final String CALLER = "+4741234567";

    private static TestBoard board() {
        return Plan.withUsers(3).main(to(MENU, "main"))
                .menu("main", Map.of("1", to(MENU, "sales"), "2", to(USER, "u3")), to(USER, "u1"))
                .menu("sales", Map.of("1", to(USER, "u2"), "9", to(MENU, "main")), to(USER, "u1"))
                .board();
    }

    @Test
    void nestedChoicesLeadOnAndThePathRecordsEveryKey() {
        TestBoard b = board();
        String caller = b.call(CALLER, Plan.MAIN);
        assertThat(b.commands).contains(new Command.Answer(TestBoard.TENANT, caller));
        assertEquals(CallState.IN_IVR, b.onlyCall().state());
        assertEquals("prompt-main", b.plays(caller).get(0).prompt());
        b.press(caller, "1");
        assertEquals("prompt-sales", b.plays(caller).get(1).prompt());
        b.press(caller, "9");
        b.press(caller, "1");
        b.press(caller, "1");
        assertEquals(List.of("u2"), b.ringingUsers());
        b.pickUp("u2");
        b.hangUp(caller);
        assertEquals(List.of("number +4722000000 main number", "menu main", "menu main pressed 1", "menu sales",
                "menu sales pressed 9", "menu main", "menu main pressed 1", "menu sales", "menu sales pressed 1",
                "offered u2", "answered u2"), b.path());
    }

    @Test
    void noKeyWithinTheTimeoutGoesToTheDefault() {
        TestBoard b = board();
        b.call(CALLER, Plan.MAIN);
        b.seconds(4);
        assertThat(b.ringingUsers()).isEmpty();
        b.seconds(1);
        assertEquals(List.of("u1"), b.ringingUsers());
        assertThat(b.onlyCall().path()).anyMatch(h -> "no choice".equals(h.detail()));
    }

    @Test
    void aWrongKeyRepeatsTheMenuAndTheThirdGoesToTheDefault() {
        TestBoard b = board();
        String caller = b.call(CALLER, Plan.MAIN);
        b.press(caller, "7");
        assertEquals(List.of("prompt-main", "invalid-choice", "prompt-main"),
                b.plays(caller).stream().map(Command.Play::prompt).toList());
        b.seconds(3);
        b.press(caller, "8");
        b.seconds(3);
        assertThat(b.ringingUsers()).as("the timeout restarts with each repetition").isEmpty();
        b.press(caller, "#");
        assertEquals(List.of("u1"), b.ringingUsers());
        assertThat(b.onlyCall().path()).extracting(h -> h.detail())
                .contains("pressed 7, not a choice", "pressed 8, not a choice", "pressed #, too many wrong keys");
    }

    @Test
    void keysAfterTheMenuAreIgnored() {
        TestBoard b = board();
        String caller = b.call(CALLER, Plan.MAIN);
        b.press(caller, "2");
        b.press(caller, "1");
        assertEquals(List.of("u3"), b.ringingUsers());
    }
}
