package no.sentral.switchboard.internal.engine;

import java.time.LocalDate;

/**
 * Today's figures of a queue or answer group (PBX-09), reset at midnight in the company's zone.
 * Service level is reported two ways, as Asterisk does: over answered calls only, and over answered
 * plus abandoned calls (an abandoned call counts against it).
 */
final class Counters {

    private LocalDate day;
    int offered;
    int answered;
    int answeredWithinServiceLevel;
    int abandoned;
    int overflowed;
    int callbacks;
    long waitMillisAnswered;
    int talks;
    long talkMillis;

    /** Starts a new day's figures when the date moved on since the last count. */
    Counters on(LocalDate today) {
        if (!today.equals(day)) {
            day = today;
            offered = answered = answeredWithinServiceLevel = abandoned = overflowed = callbacks = talks = 0;
            waitMillisAnswered = talkMillis = 0;
        }
        return this;
    }

    Integer serviceLevelPercent() {
        return answered == 0 ? null : Math.round(100f * answeredWithinServiceLevel / answered);
    }

    Integer serviceLevelWithAbandonedPercent() {
        return answered + abandoned == 0 ? null : Math.round(100f * answeredWithinServiceLevel / (answered + abandoned));
    }

    Long averageAnswerSeconds() {
        return answered == 0 ? null : waitMillisAnswered / answered / 1000;
    }

    Long averageHandleSeconds() {
        return talks == 0 ? null : talkMillis / talks / 1000;
    }
}
