package no.sentral.api.telephony;

import java.time.Instant;
import java.util.List;

/**
 * The record of an ended call (CDR), published as {@code sentral.call.ended}. {@code answeredBy} is
 * the employee who talked with the caller last (null when nobody did); {@code users} are all the
 * employees the call reached or came from, for their call logs (PBX-10). Times are UTC; seconds are
 * whole seconds.
 */
public record CallRecord(String tenant, String call, Direction direction, String from, String to,
                         Instant startedAt, Instant answeredAt, Instant endedAt, Disposition disposition,
                         String answeredBy, String queue, long waitSeconds, long talkSeconds,
                         List<String> users, List<Hop> path) {

    public CallRecord {
        users = List.copyOf(users);
        path = List.copyOf(path);
    }

    public enum Direction { INBOUND, OUTBOUND, INTERNAL, CLICK_TO_DIAL, CALLBACK }

    public enum Disposition {
        ANSWERED, ABANDONED, VOICEMAIL, NO_ANSWER, BUSY, BARRED, UNKNOWN_NUMBER, REFUSED, CONFERENCE, FAILED
    }
}
