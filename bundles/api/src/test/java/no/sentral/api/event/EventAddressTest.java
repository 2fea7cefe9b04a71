package no.sentral.api.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventAddressTest {

    @Test
    void parsesLongAndShortForms() {
        assertEquals(new EventAddress("call", "ended"), EventAddress.parse("sentral.call.ended"));
        assertEquals("sentral.subscription.activated", EventAddress.parse("subscription.activated").toString());
        assertTrue(EventAddress.parse("sentral.cmd.switchboard").isCommand());
    }

    @Test
    void refusesMalformedAddresses() {
        for (String bad : new String[] {"sentral.call", "call", "sentral.call.ended.extra", "sentral.Call.ended",
                "sentral..ended", "sentral.call.", "sentral.call.en ded"}) {
            assertThrows(IllegalArgumentException.class, () -> EventAddress.parse(bad), bad);
        }
    }
}
