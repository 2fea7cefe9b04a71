package no.sentral.events.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerSettingsTest {

    private static ConsumerSettings settings(String address, String consumer, int concurrency, int maxAttempts,
                                             long backoff) {
        return new ConsumerSettings(address, consumer, concurrency, maxAttempts, backoff, true);
    }

    @Test
    void normalisesTheAddress() {
        assertEquals("sentral.call.ended", settings("call.ended", "billing", 1, 5, 0).address());
        assertEquals("sentral.call.ended", settings("sentral.call.ended", "billing", 1, 5, 0).address());
        assertEquals("sentral.cmd.switchboard", settings("cmd.switchboard", "billing", 1, 5, 0).address());
    }

    @Test
    void refusesBadAddresses() {
        for (String address : List.of("call", "sentral.call.ended.more", "sentral.Call.ended", "sentral.#")) {
            assertThrows(IllegalArgumentException.class, () -> settings(address, "billing", 1, 5, 0), address);
        }
        assertThrows(NullPointerException.class, () -> settings(null, "billing", 1, 5, 0));
    }

    @Test
    void consumerNames() {
        for (String ok : List.of("billing", "Billing-2", "crm.sync", "a", "x_y", "9lives")) {
            assertEquals(ok, settings("call.ended", ok, 1, 5, 0).consumer());
        }
        for (String bad : new String[] {null, "", "-starts-with-dash", ".dot", "has space", "slash/", "at@x",
                "colon:x", "æøå"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings("call.ended", bad, 1, 5, 0), String.valueOf(bad));
            assertTrue(e.getMessage().contains("consumer name"), e.getMessage());
        }
    }

    @Test
    void concurrencyBounds() {
        assertEquals(1, settings("call.ended", "c", 1, 5, 0).concurrency());
        assertEquals(64, settings("call.ended", "c", 64, 5, 0).concurrency());
        for (int bad : new int[] {0, -1, 65}) {
            assertThrows(IllegalArgumentException.class, () -> settings("call.ended", "c", bad, 5, 0), "" + bad);
        }
    }

    @Test
    void maxAttemptsStaysBelowTheBrokersLimit() {
        assertEquals(1, settings("call.ended", "c", 1, 1, 0).maxAttempts());
        assertEquals(19, settings("call.ended", "c", 1, 19, 0).maxAttempts());
        for (int bad : new int[] {0, -3, ConsumerSettings.BROKER_MAX_DELIVERY_ATTEMPTS, 21, 100}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings("call.ended", "c", 1, bad, 0), "" + bad);
            assertTrue(e.getMessage().contains("1..19"), e.getMessage());
        }
    }

    @Test
    void backoffBounds() {
        assertEquals(0, settings("call.ended", "c", 1, 5, 0).backoffMillis());
        assertEquals(60_000, settings("call.ended", "c", 1, 5, 60_000).backoffMillis());
        assertThrows(IllegalArgumentException.class, () -> settings("call.ended", "c", 1, 5, -1));
        assertThrows(IllegalArgumentException.class, () -> settings("call.ended", "c", 1, 5, 60_001));
    }

    @Test
    void batchBoundsAndDefaults() {
        ConsumerSettings defaults = new ConsumerSettings("call.ended", "c", 1, 5, 0, true);
        assertEquals(ConsumerSettings.DEFAULT_BATCH_SIZE, defaults.batchSize());
        assertEquals(ConsumerSettings.DEFAULT_BATCH_MILLIS, defaults.batchMillis());
        new ConsumerSettings("call.ended", "c", 1, 5, 0, true, 1, 0);
        new ConsumerSettings("call.ended", "c", 1, 5, 0, true, 10_000, 10_000);
        for (int[] bad : new int[][] {{0, 5}, {10_001, 5}, {200, -1}, {200, 10_001}}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new ConsumerSettings("call.ended", "c", 1, 5, 0, true, bad[0], bad[1]));
        }
    }

    @Test
    void subscriptionNameCombinesAddressAndConsumer() {
        assertEquals("sentral.call.ended@billing", EventDestinations.subscriptionName("call.ended", "billing"));
    }
}
