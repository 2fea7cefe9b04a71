package no.sentral.switchboard.internal.engine;

import java.time.Instant;
import java.util.List;
import no.sentral.api.telephony.CallRecord.Direction;
import no.sentral.api.telephony.Hop;

/**
 * A live call as operators see it: where it is now and the way it came (SB-02). In
 * {@code sentral.call.changed} events the path holds only the latest hop; the whole path is in
 * {@code GET /switchboard/calls} and, once the call ended, in its CDR.
 */
public record CallView(String tenant, String call, Direction direction, String from, String to, CallState state,
                       Instant startedAt, String queue, String user, List<Hop> path) {
}
