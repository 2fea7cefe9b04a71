package no.sentral.switchboard.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import no.sentral.switchboard.internal.config.Strategy;

/**
 * The order in which an answer group or a queue rings its free members, by strategy, and what it
 * remembers between calls (where round robin stopped, when each member last answered, how many
 * calls each took). One instance per group or queue; answer groups and queues share it.
 */
final class Hunt {

    /** A member who could take the call now; {@code rank} is their place in the configured order. */
    record Candidate(String user, int rank, int penalty) {
    }

    private static final class MemberStats {
        Instant lastAnswered;
        int calls;
    }

    private final Map<String, MemberStats> members = new HashMap<>();
    private int lastRank = -1;

    /** Candidates in the order to ring them; for {@link Strategy#RING_ALL} all of them ring at once. */
    List<Candidate> order(Strategy strategy, List<Candidate> free, RandomGenerator random) {
        List<Candidate> list = new ArrayList<>(free);
        list.sort(Comparator.comparingInt(Candidate::rank));
        switch (strategy) {
            case RING_ALL, LINEAR -> { }
            case RR_MEMORY, RR_ORDERED -> {
                int i = 0;
                while (i < list.size() && list.get(i).rank() <= lastRank) {
                    i++;
                }
                rotateAfter(list, i - 1);
            }
            case LEAST_RECENT -> list.sort(Comparator.comparing((Candidate c) -> lastAnswered(c.user()),
                    Comparator.nullsFirst(Comparator.naturalOrder())));
            case FEWEST_CALLS -> list.sort(Comparator.comparingInt((Candidate c) -> calls(c.user())));
            case RANDOM -> shuffle(list, random);
            case WEIGHTED_RANDOM -> {
                Map<Candidate, Double> key = new HashMap<>();
                list.forEach(c -> key.put(c, random.nextDouble() * (c.penalty() + 1)));
                list.sort(Comparator.comparingDouble(key::get));
            }
        }
        return list;
    }

    /** Puts the element after {@code index} first, keeping the cycle order; -1 leaves the list as it is. */
    private static void rotateAfter(List<Candidate> list, int index) {
        if (index >= 0 && !list.isEmpty()) {
            java.util.Collections.rotate(list, -(index + 1));
        }
    }

    private static void shuffle(List<Candidate> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            java.util.Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    void rung(Candidate c) {
        lastRank = c.rank();
    }

    void answered(String user, Instant at) {
        MemberStats s = members.computeIfAbsent(user, u -> new MemberStats());
        s.lastAnswered = at;
        s.calls++;
    }

    private Instant lastAnswered(String user) {
        MemberStats s = members.get(user);
        return s == null ? null : s.lastAnswered;
    }

    private int calls(String user) {
        MemberStats s = members.get(user);
        return s == null ? 0 : s.calls;
    }
}
