package no.sentral.switchboard.internal.config;

/**
 * A call queue (SB-05). Agents log in and out at run time. {@code maxWaitSeconds} and
 * {@code maxLength} (0 = none) send callers to {@code overflow}; so does a queue with nobody logged
 * in. {@code yellowSeconds}/{@code redSeconds} colour the wait indicator (SB-01),
 * {@code alertSeconds} raises a long-wait alert (SB-06), {@code serviceLevelSeconds} is the
 * service-level threshold, {@code announceSeconds} the interval of position and wait announcements
 * and {@code callbackKey} the key that asks for a callback keeping the place (PBX-05; none if null).
 */
public record QueueConfig(String id, String name, Strategy strategy, int ringSeconds, int wrapUpSeconds,
                          int maxWaitSeconds, int maxLength, Destination overflow, int serviceLevelSeconds,
                          int yellowSeconds, int redSeconds, int alertSeconds, int announceSeconds,
                          Character callbackKey) {

    public QueueConfig {
        strategy = strategy == null ? Strategy.RR_MEMORY : strategy;
        ringSeconds = ringSeconds <= 0 ? 15 : ringSeconds;
        wrapUpSeconds = Math.max(0, wrapUpSeconds);
        maxWaitSeconds = Math.max(0, maxWaitSeconds);
        maxLength = Math.max(0, maxLength);
        serviceLevelSeconds = serviceLevelSeconds <= 0 ? 20 : serviceLevelSeconds;
        yellowSeconds = yellowSeconds <= 0 ? 30 : yellowSeconds;
        redSeconds = redSeconds <= 0 ? 90 : redSeconds;
        alertSeconds = Math.max(0, alertSeconds);
        announceSeconds = Math.max(0, announceSeconds);
    }
}
