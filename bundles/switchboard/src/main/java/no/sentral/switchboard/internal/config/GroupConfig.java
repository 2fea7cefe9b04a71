package no.sentral.switchboard.internal.config;

import java.util.List;

/**
 * An answer group (PBX-04): members rung by {@code strategy}, each for their own ring time (or the
 * group's), until {@code totalSeconds} have passed; then the call goes to {@code overflow}.
 */
public record GroupConfig(String id, String name, Strategy strategy, List<Member> members, int ringSeconds,
                          int totalSeconds, Destination overflow) {

    /** {@code ringSeconds} 0 means the group's; {@code penalty} weighs {@link Strategy#WEIGHTED_RANDOM}. */
    public record Member(String user, int ringSeconds, int penalty) {
    }

    public GroupConfig {
        members = members == null ? List.of() : List.copyOf(members);
        strategy = strategy == null ? Strategy.RING_ALL : strategy;
        ringSeconds = ringSeconds <= 0 ? 20 : ringSeconds;
        totalSeconds = Math.max(0, totalSeconds);
    }
}
