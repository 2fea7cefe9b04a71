package no.sentral.switchboard.internal.engine;

import static no.sentral.switchboard.internal.config.Destination.Type.CONFERENCE;
import static no.sentral.switchboard.internal.config.Destination.Type.USER;
import static no.sentral.switchboard.internal.engine.Plan.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import no.sentral.api.failure.DomainException;
import no.sentral.api.telephony.CallRecord.Direction;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Command;
import no.sentral.switchboard.internal.config.UserConfig;
import org.junit.jupiter.api.Test;

/** Personal conference rooms (PBX-13, APP-10), call barring (PBX-11) and click to dial (PBX-14). */
class ConferenceAndBarringTest {

    private static final String T = TestBoard.TENANT;

    private static TestBoard board() {
        return Plan.withUsers(3).number("+4722000099", to(CONFERENCE, "u1")).number("300", to(USER, "u3"))
                .replaceUser(new UserConfig("u1", "U1", "u1", Plan.mobile(1), 20, Map.of(), "4321", List.of(), List.of()))
                .replaceUser(new UserConfig("u2", "U2", "u2", Plan.mobile(2), 20, Map.of(), null,
                        List.of("international-calls", "premium-numbers"), List.of("+4781549")))
                .board();
    }

    @Test
    void thirtyJoinTheRoomAndTheThirtyFirstIsRefusedWithAPrompt() {
        TestBoard b = board();
        for (int i = 0; i < 30; i++) {
            String leg = b.call(String.format("+474100%04d", i), "+4722000099");
            b.press(leg, "4321#");
            assertThat(b.commands).contains(new Command.Conference(T, leg, "room-u1"));
        }
        assertEquals(30, b.engine.conferenceSize(T, "u1"));
        String late = b.call("+4741009999", "+4722000099");
        b.press(late, "4321#");
        assertEquals("conference-full", b.plays(late).get(b.plays(late).size() - 1).prompt());
        assertTrue(b.hungUpByEngine(late));
        assertEquals(Disposition.REFUSED, b.lastRecord().disposition());
        String first = b.engine.calls(T).get(0).call();
        b.hangUp("in-1");
        assertEquals(Disposition.CONFERENCE, b.lastRecord().disposition());
        assertEquals(first, b.lastRecord().call());
        assertEquals(29, b.engine.conferenceSize(T, "u1"));
        String next = b.call("+4741008888", "+4722000099");
        b.press(next, "4321#");
        assertEquals(30, b.engine.conferenceSize(T, "u1"), "a place freed is a place taken");
    }

    @Test
    void aWrongPinIsAskedAgainAndTheThirdEndsTheCall() {
        TestBoard b = board();
        String leg = b.call("+4741000001", "+4722000099");
        b.press(leg, "1111#");
        b.press(leg, "2222#");
        assertEquals(List.of("conference-pin", "conference-pin-wrong", "conference-pin-wrong"),
                b.plays(leg).stream().map(Command.Play::prompt).toList());
        b.seconds(10);
        assertTrue(b.hungUpByEngine(leg), "nothing entered the third time counts as wrong");
        assertEquals(0, b.engine.conferenceSize(T, "u1"));
        assertThat(b.path()).last().isEqualTo("conference u1 wrong PIN 3 times");
    }

    @Test
    void barredCategoriesAndPrefixesStopOutgoingCallsButNeverEmergencyCalls() {
        TestBoard b = board();
        for (String number : List.of("+4670000000", "004670000000", "82012345", "+4782912345", "+4781549000")) {
            String leg = b.dialOut("u2", number);
            assertEquals("call-barred", b.plays(leg).get(0).prompt(), number);
            assertTrue(b.hungUpByEngine(leg));
            assertEquals(Disposition.BARRED, b.lastRecord().disposition());
        }
        assertEquals("international calls are barred", b.plays("out-1").get(0).args().get("reason"));
        assertEquals("premium-rate numbers are barred", b.plays("out-3").get(0).args().get("reason"));
        assertEquals("calls to +4781549 are barred", b.plays("out-5").get(0).args().get("reason"));
        b.dialOut("u2", "112");
        b.dialOut("u2", "+4791234567");
        b.dialOut("u1", "+4670000000");
        assertThat(b.ringingUsers()).containsExactly("+4791234567", "+4670000000");
    }

    @Test
    void clickToDialRingsTheUserFirstThenTheNumber() {
        TestBoard b = board();
        String call = b.engine.clickToDial(T, "u1", "+47 987 65 432");
        Command.Ring first = b.ringing().get(0);
        assertEquals("u1", first.to().user());
        assertEquals("+4798765432", first.callerId(), "the user's phone shows whom it will call");
        String own = b.pickUp("u1");
        String target = b.pickUpNumber("+4798765432");
        assertTrue(b.bridged(own, target));
        b.hangUp(target);
        assertEquals(call, b.lastRecord().call());
        assertEquals(Direction.CLICK_TO_DIAL, b.lastRecord().direction());
        assertEquals(List.of("click-to-dial u1 +4798765432", "offered u1", "answered u1 own phone",
                "external +4798765432", "offered +4798765432", "answered +4798765432"), b.path());

        b.engine.clickToDial(T, "u1", "300");
        b.pickUp("u1");
        assertThat(b.ringingUsers()).containsExactly("u3");

        assertThatThrownBy(() -> b.engine.clickToDial(T, "u2", "+4670000000")).isInstanceOf(DomainException.class)
                .hasMessageContaining("international calls are barred");
        assertThatThrownBy(() -> b.engine.clickToDial(T, "u1", "call me")).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errors().get(0).message()).contains("not a phone number"));
        assertThatThrownBy(() -> b.engine.clickToDial(T, "nobody", "+4798765432")).hasMessageContaining("nobody");
    }
}
