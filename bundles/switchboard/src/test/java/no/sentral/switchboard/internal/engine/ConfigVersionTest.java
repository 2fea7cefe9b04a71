package no.sentral.switchboard.internal.engine;

import static no.sentral.switchboard.internal.config.Destination.Type.QUEUE;
import static no.sentral.switchboard.internal.engine.Plan.to;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import no.sentral.switchboard.internal.config.Strategy;
import no.sentral.switchboard.internal.config.SwitchboardConfig;
import org.junit.jupiter.api.Test;

/** Set-up reloads carry a version and an older one never wins (issue 11 section 3). */
class ConfigVersionTest {

    private static final String T = TestBoard.TENANT;

    private static SwitchboardConfig withUsers(int n) {
        return Plan.withUsers(n).main(to(QUEUE, "q")).queue(Plan.queue("q", Strategy.LINEAR)).build();
    }

    @Test
    void aSetUpReadEarlierThatArrivesLaterIsIgnored() {
        TestBoard b = new TestBoard(withUsers(1));
        assertTrue(b.engine.configure(T, withUsers(3), 5));
        assertFalse(b.engine.configure(T, withUsers(2), 4), "read before version 5, arrived after it");
        assertEquals(Optional.of("u3"), b.engine.userOf(T, "u3"), "version 5 stays in force");
        assertFalse(b.engine.configure(T, withUsers(2), 5), "the same version is not applied twice");
        assertTrue(b.engine.configure(T, withUsers(2), 6));
        assertEquals(Optional.empty(), b.engine.userOf(T, "u3"));
    }
}
