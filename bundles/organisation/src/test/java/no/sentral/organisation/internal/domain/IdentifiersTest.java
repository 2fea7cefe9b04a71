package no.sentral.organisation.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import no.sentral.api.organisation.SubscriptionKind;
import org.junit.jupiter.api.Test;

/** LINK: the identifiers people type: organisation numbers, ICCIDs, IMEIs, phone numbers. */
class IdentifiersTest {

    @Test
    void organisationNumbersFollowTheMod11Rule() {
        assertEquals(Optional.of("923609016"), Identifiers.orgNumber("923 609 016")); // Equinor ASA
        assertEquals(Optional.of("974760673"), Identifiers.orgNumber("974760673")); // Brønnøysundregistrene
        assertTrue(Identifiers.orgNumber("923609017").isEmpty(), "wrong check digit");
        assertTrue(Identifiers.orgNumber("123609016").isEmpty(), "must start with 8 or 9");
        assertTrue(Identifiers.orgNumber("92360901").isEmpty(), "eight digits");
        assertTrue(Identifiers.orgNumber("92360901x").isEmpty());
        assertTrue(Identifiers.orgNumber(null).isEmpty());
        // 90000009 gives remainder 1, so its check digit would be 10: no number with that body is valid.
        for (int d = 0; d <= 9; d++) {
            assertTrue(Identifiers.orgNumber("90000009" + d).isEmpty(), "90000009" + d);
        }
    }

    @Test
    void iccidsAreLuhnChecked() {
        String body = "894700000000000001";
        String iccid = body + Identifiers.luhnDigit(body);
        assertEquals(Optional.of(iccid), Identifiers.iccid(iccid));
        assertEquals(Optional.of(iccid), Identifiers.iccid(iccid.substring(0, 4) + " " + iccid.substring(4)));
        char wrong = (char) ('0' + (iccid.charAt(18) - '0' + 1) % 10);
        assertTrue(Identifiers.iccid(body + wrong).isEmpty(), "wrong check digit");
        String notTelecom = "12" + body.substring(2);
        assertTrue(Identifiers.iccid(notTelecom + Identifiers.luhnDigit(notTelecom)).isEmpty(), "must start with 89");
        assertTrue(Identifiers.iccid("8947").isEmpty());
    }

    @Test
    void imeisAreLuhnChecked() {
        assertEquals(Optional.of("490154203237518"), Identifiers.imei("490154203237518")); // the textbook IMEI
        assertTrue(Identifiers.imei("490154203237519").isEmpty());
        assertTrue(Identifiers.imei("49015420323751").isEmpty(), "14 digits");
        assertTrue(Identifiers.imei("4901542032375180").isEmpty(), "IMEISV has no check digit");
    }

    @Test
    void norwegianNumbersAreAcceptedAsTypedAndStoredInE164() {
        assertEquals(Optional.of("+4798765432"), PhoneNumbers.e164("98765432"));
        assertEquals(Optional.of("+4798765432"), PhoneNumbers.e164("987 65 432"));
        assertEquals(Optional.of("+4798765432"), PhoneNumbers.e164("+47 987 65 432"));
        assertEquals(Optional.of("+4798765432"), PhoneNumbers.e164("0047 98765432"));
        assertEquals(Optional.of("+46701234567"), PhoneNumbers.e164("+46 70 123 45 67"));
        assertTrue(PhoneNumbers.e164("12345").isEmpty());
        assertTrue(PhoneNumbers.e164("call me").isEmpty());
        assertTrue(PhoneNumbers.e164("").isEmpty());
    }

    @Test
    void aSubscriptionsNumberMustFitItsKind() {
        assertEquals(Optional.of("+4741234567"), PhoneNumbers.e164For(SubscriptionKind.MOBILE, "41234567"));
        assertTrue(PhoneNumbers.e164For(SubscriptionKind.FIXED, "41234567").isEmpty(), "a mobile number");
        assertEquals(Optional.of("+4722123456"), PhoneNumbers.e164For(SubscriptionKind.FIXED, "22 12 34 56"));
        assertTrue(PhoneNumbers.e164For(SubscriptionKind.MOBILE, "22123456").isEmpty(), "an Oslo landline");
    }
}
