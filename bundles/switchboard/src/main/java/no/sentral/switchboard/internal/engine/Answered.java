package no.sentral.switchboard.internal.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * The bookkeeping of a caller answered out of an answer group or a queue (PBX-04, PBX-05, PBX-09), one
 * piece for both: the wait counts in the day's figures and in the hunt's memory, and the visit is
 * drafted for the connection to complete with the talk time.
 */
final class Answered {

    private Answered() {
    }

    static Connection.Draft count(Board board, Visit.Kind kind, String id, Instant entered, int serviceLevelSeconds,
                                  Counters counters, Hunt hunt, Leg agent) {
        Instant now = board.now();
        long wait = Duration.between(entered, now).toMillis();
        boolean within = wait <= serviceLevelSeconds * 1000L;
        counters.answered++;
        counters.waitMillisAnswered += wait;
        if (within) {
            counters.answeredWithinServiceLevel++;
        }
        hunt.answered(agent.user(), now);
        return new Connection.Draft(kind, id, entered, wait, within, counters);
    }
}
