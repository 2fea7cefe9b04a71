package no.sentral.switchboard.internal.engine;

import java.time.Instant;

/**
 * One stay of a call in a queue or answer group, or one offer to an agent, and how it ended: the
 * facts the 15-minute statistics are built from (PBX-09). {@code waitMillis} runs from entering to
 * answer or leaving; {@code talkMillis} from answer to hang-up or transfer.
 */
public record Visit(Kind kind, String id, String call, Instant entered, Result result, long waitMillis,
                    long talkMillis, boolean withinServiceLevel) {

    public enum Kind { QUEUE, GROUP, AGENT }

    public enum Result { ANSWERED, ABANDONED, OVERFLOW, CALLBACK_FAILED, MISSED }
}
