package no.sentral.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The made-up identifiers carry the check digits Sentral's validation recomputes. */
class CheckTest {

    @Test
    void luhnCompletesKnownNumbers() {
        assertEquals("79927398713", Check.luhn("7992739871"));
        assertEquals("490154203237518", Check.luhn("49015420323751"));
    }

    @Test
    void mod11CompletesOrganisationNumbers() {
        assertEquals("923609016", Check.mod11("92360901"));
        assertEquals("974760673", Check.mod11("97476067"));
        assertEquals("991000003", Check.mod11("99100000"));
        // 11 - (2*6) % 11 = 10: no organisation number starts this way.
        assertNull(Check.mod11("00000006"));
    }
}
