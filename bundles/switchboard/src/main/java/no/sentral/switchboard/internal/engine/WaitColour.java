package no.sentral.switchboard.internal.engine;

/** The wait indicator of a queued call (SB-01), by the queue's yellow and red thresholds. */
public enum WaitColour {
    GREEN, YELLOW, RED;

    static WaitColour of(long waitSeconds, int yellowSeconds, int redSeconds) {
        return waitSeconds >= redSeconds ? RED : waitSeconds >= yellowSeconds ? YELLOW : GREEN;
    }
}
