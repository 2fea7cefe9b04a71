package no.sentral.switchboard.internal.engine;

import java.util.List;
import no.sentral.switchboard.internal.config.Availability;

/** Read-only pictures of the live switchboard for REST, the shell and statistics events (SB-05, PBX-09). */
public final class Views {

    private Views() {
    }

    /** A queue or an answer group with today's figures; groups have no waiting calls or agents. */
    public record Figures(String kind, String id, String name, int waiting, int callbacks, long longestWaitSeconds,
                          WaitColour colour, int agentsLoggedIn, int agentsFree, int offered, int answered,
                          int abandoned, int overflowed, Integer serviceLevelPercent,
                          Integer serviceLevelWithAbandonedPercent, Long averageAnswerSeconds,
                          Long averageHandleSeconds, List<Waiting> calls, List<String> agents) {
    }

    /** A call waiting in a queue, with its place and wait indicator. */
    public record Waiting(String call, String from, int position, long waitSeconds, WaitColour colour, int priority,
                          boolean callback, boolean offered) {
    }

    /** An agent's wallboard line. */
    public record Agent(String user, String name, String state, Availability availability, List<String> queues,
                        int offered, int answered, int missed, Long averageHandleSeconds) {
    }
}
