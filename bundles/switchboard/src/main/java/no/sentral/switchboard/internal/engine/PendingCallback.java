package no.sentral.switchboard.internal.engine;

import java.time.Instant;
import java.util.List;
import no.sentral.api.telephony.Hop;

/**
 * A caller who hung up to be called back and keeps their place (PBX-05): enough to put them back in
 * the queue at the same position after a restart. {@code seq} breaks ties between callers who joined
 * in the same instant.
 */
public record PendingCallback(String tenant, String call, String queue, String number, String dialled,
                              int priority, Instant startedAt, Instant enqueuedAt, long seq, int attempts,
                              List<Hop> path) {

    public PendingCallback {
        path = List.copyOf(path);
    }
}
