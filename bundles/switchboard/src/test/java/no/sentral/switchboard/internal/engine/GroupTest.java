package no.sentral.switchboard.internal.engine;

import static no.sentral.switchboard.internal.config.Destination.Type.GROUP;
import static no.sentral.switchboard.internal.config.Destination.Type.USER;
import static no.sentral.switchboard.internal.engine.Plan.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Signal.Failure;
import no.sentral.switchboard.internal.config.Availability;
import no.sentral.switchboard.internal.config.GroupConfig;
import no.sentral.switchboard.internal.config.Strategy;
import org.junit.jupiter.api.Test;

/** Answer groups (PBX-04): every strategy, ring time per member, overflow, skipping who cannot answer. */
class GroupTest {

    private static final String CALLER = "+4741234567";

    private static TestBoard board(Strategy strategy, int totalSeconds) {
        return Plan.withUsers(4).main(to(GROUP, "g"))
                .group("g", strategy, 10, totalSeconds, to(USER, "u4"), "u1", "u2", "u3").board();
    }

    /** Who rings first for each of {@code calls} calls answered by whoever rings first. */
    private static List<String> firstRung(TestBoard b, int calls) {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            String caller = b.call(CALLER, Plan.MAIN);
            String user = b.ringingUsers().get(0);
            first.add(user);
            b.pickUp(user);
            b.seconds(30 + i);
            b.hangUp(caller);
        }
        return first;
    }

    @Test
    void ringAllRingsEveryoneAndTheFirstToAnswerWins() {
        TestBoard b = board(Strategy.RING_ALL, 0);
        String caller = b.call(CALLER, Plan.MAIN);
        assertEquals(List.of("u1", "u2", "u3"), b.ringingUsers());
        b.pickUp("u2");
        assertThat(b.ringingUsers()).isEmpty();
        b.hangUp(caller);
        assertEquals("u2", b.lastRecord().answeredBy());
        assertThat(b.path()).contains("offered u1 answered elsewhere", "answered u2");
        assertEquals(0, b.engine.agent(TestBoard.TENANT, "u1").missed(), "answered elsewhere is not missed");
    }

    @Test
    void inOrderTriesEachMemberForTheirRingTimeThenOverflows() {
        TestBoard b = board(Strategy.LINEAR, 0);
        b.call(CALLER, Plan.MAIN);
        assertEquals(List.of("u1"), b.ringingUsers());
        b.seconds(10);
        assertEquals(List.of("u2"), b.ringingUsers());
        b.reject("u2", Failure.BUSY);
        assertEquals(List.of("u3"), b.ringingUsers());
        b.seconds(10);
        assertEquals(List.of("u4"), b.ringingUsers(), "after one round the call overflows");
        assertThat(b.onlyCall().path()).extracting(h -> h.detail()).contains("busy", "overflow: nobody answered");
        assertEquals(List.of("u1", "u1", "u1"), firstRung(board(Strategy.LINEAR, 0), 3));
    }

    @Test
    void aMembersOwnRingTimeAppliesInHunting() {
        TestBoard b = Plan.withUsers(3).main(to(GROUP, "g"))
                .group(new GroupConfig("g", "g", Strategy.LINEAR, List.of(new GroupConfig.Member("u1", 5, 0),
                        new GroupConfig.Member("u2", 0, 0)), 25, 0, null)).board();
        b.call(CALLER, Plan.MAIN);
        b.seconds(5);
        assertEquals(List.of("u2"), b.ringingUsers());
        b.seconds(24);
        assertEquals(List.of("u2"), b.ringingUsers());
    }

    @Test
    void roundRobinRemembersWhereItStopped() {
        assertEquals(List.of("u1", "u2", "u3", "u1", "u2"), firstRung(board(Strategy.RR_MEMORY, 0), 5));
        assertEquals(List.of("u1", "u2", "u3", "u1"), firstRung(board(Strategy.RR_ORDERED, 0), 4));
    }

    @Test
    void roundRobinSkipsABusyMemberAndGoesOnAfterThem() {
        TestBoard b = board(Strategy.RR_MEMORY, 0);
        firstRung(b, 1);
        b.engine.setAvailability(TestBoard.TENANT, "u2", Availability.AWAY);
        assertEquals(List.of("u3", "u1"), firstRung(b, 2));
    }

    @Test
    void leastRecentRingsWhoeverAnsweredLongestAgo() {
        TestBoard b = board(Strategy.LEAST_RECENT, 0);
        assertEquals(List.of("u1", "u2", "u3"), firstRung(b, 3), "nobody has answered yet: configured order");
        String caller = b.call(CALLER, Plan.MAIN);
        b.reject("u1", Failure.BUSY);
        b.pickUp("u2");
        b.hangUp(caller);
        b.seconds(5);
        assertEquals(List.of("u1", "u3", "u2"), firstRung(b, 3));
    }

    @Test
    void fewestCallsRingsWhoeverTookFewest() {
        TestBoard b = board(Strategy.FEWEST_CALLS, 0);
        b.call(CALLER, Plan.MAIN);
        b.reject("u1", Failure.NO_ANSWER);
        b.pickUp("u2");
        b.call(CALLER, Plan.MAIN);
        b.reject("u1", Failure.NO_ANSWER);
        b.pickUp("u3");
        assertEquals(List.of("u1"), firstRung(b, 1), "u1 has taken none");
    }

    @Test
    void randomRingsEveryoneOverTimeAndWeightedRandomFavoursLowPenalties() {
        Map<String, Integer> counts = new HashMap<>();
        firstRung(board(Strategy.RANDOM, 0), 300).forEach(u -> counts.merge(u, 1, Integer::sum));
        assertThat(counts).containsOnlyKeys("u1", "u2", "u3");
        counts.values().forEach(n -> assertThat(n).isBetween(60, 140));

        TestBoard b = Plan.withUsers(2).main(to(GROUP, "g"))
                .group(new GroupConfig("g", "g", Strategy.WEIGHTED_RANDOM, List.of(new GroupConfig.Member("u1", 0, 0),
                        new GroupConfig.Member("u2", 0, 4)), 10, 0, null)).board();
        Map<String, Integer> weighted = new HashMap<>();
        firstRung(b, 300).forEach(u -> weighted.merge(u, 1, Integer::sum));
        assertThat(weighted.get("u1")).isGreaterThan(2 * weighted.getOrDefault("u2", 0));
    }

    @Test
    void theTotalTimeOverflowsEvenWhileRoundsGoOn() {
        TestBoard b = board(Strategy.LINEAR, 45);
        b.call(CALLER, Plan.MAIN);
        b.seconds(30);
        assertEquals(List.of("u1"), b.ringingUsers(), "a second round starts when time remains");
        b.seconds(15);
        assertEquals(List.of("u4"), b.ringingUsers());
        assertThat(b.onlyCall().path()).extracting(h -> h.detail()).contains("overflow: no answer in 45 s");
    }

    @Test
    void membersWhoAreBusyOrUnavailableAreSkippedAndWithNobodyFreeTheCallOverflowsAtOnce() {
        TestBoard b = board(Strategy.RING_ALL, 0);
        b.engine.setAvailability(TestBoard.TENANT, "u1", Availability.OFF_WORK);
        b.dialOut("u2", "+4791111111");
        b.pickUpNumber("+4791111111");
        b.call(CALLER, Plan.MAIN);
        assertThat(b.ringingUsers()).containsExactly("u3");
        b.engine.setAvailability(TestBoard.TENANT, "u3", Availability.BUSY);
        TestBoard c = board(Strategy.RING_ALL, 0);
        for (String u : List.of("u1", "u2", "u3")) {
            c.engine.setAvailability(TestBoard.TENANT, u, Availability.AWAY);
        }
        c.call(CALLER, Plan.MAIN);
        assertEquals(List.of("u4"), c.ringingUsers());
        assertThat(c.onlyCall().path()).extracting(h -> h.detail()).contains("overflow: nobody free");
    }

    @Test
    void withoutOverflowTheCallerIsToldAndTheCallEnds() {
        TestBoard b = Plan.withUsers(1).main(to(GROUP, "g")).group("g", Strategy.LINEAR, 10, 0, null, "u1").board();
        String caller = b.call(CALLER, Plan.MAIN);
        b.seconds(10);
        assertEquals("nobody-available", b.plays(caller).get(0).prompt());
        assertEquals(Disposition.NO_ANSWER, b.lastRecord().disposition());
        assertEquals(1, b.engine.agent(TestBoard.TENANT, "u1").missed());
        assertThat(b.visits).extracting(Visit::result).contains(Visit.Result.OVERFLOW, Visit.Result.MISSED);
    }
}
