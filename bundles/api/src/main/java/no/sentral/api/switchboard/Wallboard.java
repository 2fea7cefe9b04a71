package no.sentral.api.switchboard;

import java.util.List;

/**
 * The switchboard's live figures per company, as a wallboard shows them (web console, monitoring):
 * each queue and answer group now, and today's counts (PBX-09, SB-01, SB-05).
 */
public interface Wallboard {

    /**
     * One queue or answer group.
     *
     * @param kind                {@code queue} or {@code group}
     * @param colour              the longest wait's colour by the queue's thresholds: GREEN, YELLOW or RED
     * @param serviceLevelPercent answered within the threshold over answered and abandoned; null before any call
     * @param averageAnswerSeconds null before any answered call
     */
    record Line(String kind, String id, String name, int waiting, int callbacks, long longestWaitSeconds,
                String colour, int agentsLoggedIn, int agentsFree, int answered, int abandoned,
                Integer serviceLevelPercent, Long averageAnswerSeconds) {
    }

    /** The companies that have a switchboard, by id. */
    List<String> companies();

    /** The company's queues, then its answer groups; empty when it has no switchboard. */
    List<Line> lines(String tenant);
}
