package no.sentral.switchboard.internal.engine;

import static no.sentral.switchboard.internal.config.Destination.Type.QUEUE;
import static no.sentral.switchboard.internal.config.Destination.Type.USER;
import static no.sentral.switchboard.internal.engine.Plan.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.DomainException.Kind;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Command;
import no.sentral.switchboard.internal.config.Destination;
import no.sentral.switchboard.internal.config.QueueConfig;
import no.sentral.switchboard.internal.config.Strategy;
import org.junit.jupiter.api.Test;

/** Queues and agents (SB-01, SB-05, SB-06, SB-07, PBX-09): order, overflow, wrap-up, operators' actions, figures. */
class QueueTest {

    private static final String T = TestBoard.TENANT;

    private static QueueConfig queue(String id, int wrapUp, int maxWait, int maxLength, int alert, int announce) {
        return new QueueConfig(id, id, Strategy.LINEAR, 15, wrapUp, maxWait, maxLength, to(USER, "u9"), 20, 30, 90,
                alert, announce, '1');
    }

    private static TestBoard board(QueueConfig... queues) {
        Plan p = Plan.withUsers(9).main(to(QUEUE, queues[0].id()))
                .number("+4722000002", new Destination(QUEUE, queues[0].id(), 5));
        for (QueueConfig q : queues) {
            p.queue(q);
        }
        if (queues.length > 1) {
            p.number("+4722000003", to(QUEUE, queues[1].id()));
        }
        return p.board();
    }

    /** A board whose queue {@code q} has one agent, u1, logged in but away: callers wait. */
    private static TestBoard queueWithAgentAway(QueueConfig... queues) {
        TestBoard b = board(queues);
        b.engine.login(T, "q", "u1");
        b.engine.setAvailability(T, "u1", no.sentral.switchboard.internal.config.Availability.AWAY);
        return b;
    }

    private static String caller(int i) {
        return "+474100000" + i;
    }

    @Test
    void callersAreServedByPriorityThenArrivalAndWaitingAgentsTakeTheHead() {
        TestBoard b = queueWithAgentAway(queue("q", 0, 0, 0, 0, 0));
        String first = b.call(caller(1), Plan.MAIN);
        b.seconds(1);
        String second = b.call(caller(2), Plan.MAIN);
        b.seconds(1);
        String vip = b.call(caller(3), "+4722000002");
        assertEquals(List.of(1, 2, 3), b.queue("q").calls().stream().map(Views.Waiting::position).toList());
        assertEquals(List.of(caller(3), caller(1), caller(2)),
                b.queue("q").calls().stream().map(Views.Waiting::from).toList());
        b.engine.setAvailability(T, "u1", no.sentral.switchboard.internal.config.Availability.AVAILABLE);
        String u1 = b.pickUp("u1");
        assertTrue(b.bridged(vip, u1));
        assertThat(b.plays(first)).extracting(Command.Play::prompt).containsExactly("queue-position");
        assertEquals("2", b.plays(second).get(0).args().get("position"), "the second caller heard their place");
    }

    @Test
    void anAgentInSeveralQueuesTakesTheCallerWhoWaitedLongestAndWrapUpKeepsThemFree() {
        TestBoard b = board(queue("a", 10, 0, 0, 0, 0), queue("b", 0, 0, 0, 0, 0));
        b.engine.login(T, "a", "u1");
        b.engine.login(T, "b", "u1");
        String c1 = b.call(caller(1), Plan.MAIN);
        String u1 = b.pickUp("u1");
        b.call(caller(2), "+4722000003");
        b.seconds(5);
        b.call(caller(3), Plan.MAIN);
        b.hangUp(c1);
        assertThat(b.ringingUsers()).as("wrap-up of queue a: 10 s").isEmpty();
        assertEquals("wrap-up", b.engine.agent(T, "u1").state());
        b.seconds(10);
        assertEquals(List.of("u1"), b.ringingUsers());
        assertEquals(caller(2), b.ringing().get(0).callerId(), "queue b's caller has waited longer");
        assertThat(b.engine.agent(T, "u1").queues()).containsExactly("a", "b");
        assertThat(u1).isNotNull();
    }

    @Test
    void maxWaitMaxLengthAndAnEmptyQueueOverflow() {
        TestBoard b = queueWithAgentAway(queue("q", 0, 60, 2, 0, 0));
        b.call(caller(1), Plan.MAIN);
        b.call(caller(2), Plan.MAIN);
        b.call(caller(3), Plan.MAIN);
        assertEquals(List.of("u9"), b.ringingUsers(), "third caller: queue full");
        b.seconds(60);
        assertEquals(List.of("u9", "u9"), b.ringingUsers(), "the first two waited 60 s");
        Views.Figures f = b.queue("q");
        assertEquals(3, f.overflowed());
        assertEquals(0, f.waiting());

        TestBoard empty = board(queue("q", 0, 0, 0, 0, 0));
        empty.call(caller(1), Plan.MAIN);
        assertEquals(List.of("u9"), empty.ringingUsers());
        assertThat(empty.onlyCall().path()).extracting(h -> h.detail()).contains("overflow: no agents logged in");
    }

    /** Found by SwitchboardIT's simulated day: a callback rang the caller back, then overflowed to voicemail. */
    @Test
    void aCallbackNeverOverflowsOnTheWaitLimit() {
        TestBoard b = queueWithAgentAway(queue("q", 0, 60, 0, 0, 0));
        String a = b.call(caller(1), Plan.MAIN);
        b.seconds(10);
        b.press(a, "1");
        b.storeCallbacks(true);
        b.seconds(120);
        Views.Figures f = b.queue("q");
        assertEquals(0, f.overflowed());
        assertEquals(1, f.callbacks());
        assertThat(b.onlyCall().path()).extracting(h -> h.detail()).noneMatch(d -> d != null && d.startsWith("overflow"));
    }

    @Test
    void whenTheLastAgentLogsOutWaitingCallersOverflow() {
        TestBoard b = queueWithAgentAway(queue("q", 0, 0, 0, 0, 0));
        b.call(caller(1), Plan.MAIN);
        b.engine.logout(T, "q", "u1");
        assertEquals(List.of("u9"), b.ringingUsers());
    }

    @Test
    void anAgentWhoDoesNotAnswerIsSkippedForTheNextAndCountsAMiss() {
        TestBoard b = board(queue("q", 0, 0, 0, 0, 0));
        b.engine.login(T, "q", "u1");
        b.engine.login(T, "q", "u2");
        b.call(caller(1), Plan.MAIN);
        assertEquals(List.of("u1"), b.ringingUsers());
        b.seconds(15);
        assertEquals(List.of("u2"), b.ringingUsers());
        assertEquals(1, b.engine.agent(T, "u1").missed());
    }

    @Test
    void positionAndWaitAreAnnouncedColoursChangeAndLongWaitsRaiseAnAlert() {
        TestBoard b = queueWithAgentAway(queue("q", 0, 0, 0, 120, 45));
        String c1 = b.call(caller(1), Plan.MAIN);
        b.call(caller(2), Plan.MAIN);
        for (int i = 0; i < 130; i++) {
            b.seconds(1);
        }
        List<Command.Play> plays = b.plays(c1);
        assertEquals(3, plays.size(), "at 0, 45 and 90 s");
        assertEquals("1", plays.get(0).args().get("position"));
        assertEquals("180", plays.get(0).args().get("waitSeconds"), "one agent, no handled call yet: 180 s each");
        assertThat(b.notes).containsSubsequence("colour q YELLOW", "colour q RED", "alert q 120");
        assertEquals(WaitColour.RED, b.queue("q").colour());
        assertEquals(130, b.queue("q").longestWaitSeconds());
    }

    @Test
    void abandonedAndAnsweredCallsGiveServiceLevelBothWays() {
        TestBoard b = board(queue("q", 0, 0, 0, 0, 0));
        b.engine.login(T, "q", "u1");
        String c1 = b.call(caller(1), Plan.MAIN);
        b.seconds(5);
        b.pickUp("u1");
        String c2 = b.call(caller(2), Plan.MAIN);
        b.seconds(60);
        b.hangUp(c1);
        b.seconds(1);
        b.pickUp("u1");
        String c3 = b.call(caller(3), Plan.MAIN);
        b.seconds(10);
        b.hangUp(c3);
        b.hangUp(c2);
        Views.Figures f = b.queue("q");
        assertEquals(3, f.offered());
        assertEquals(2, f.answered());
        assertEquals(1, f.abandoned());
        assertEquals(50, f.serviceLevelPercent(), "1 of 2 answered within 20 s");
        assertEquals(33, f.serviceLevelWithAbandonedPercent(), "1 of 3 answered or abandoned");
        assertEquals(33, f.averageAnswerSeconds(), "(5 + 61) / 2");
        assertEquals(Disposition.ABANDONED, b.records.get(1).disposition());
        assertThat(b.visits).filteredOn(v -> v.kind() == Visit.Kind.QUEUE).extracting(Visit::result)
                .containsExactlyInAnyOrder(Visit.Result.ANSWERED, Visit.Result.ANSWERED, Visit.Result.ABANDONED);
    }

    @Test
    void anOperatorAnswersAnyQueuedCallAndAnAssignedCallThatIsNotAnsweredStaysInPlace() {
        TestBoard b = queueWithAgentAway(queue("q", 0, 0, 0, 0, 0));
        b.call(caller(1), Plan.MAIN);
        String c2 = b.call(caller(2), Plan.MAIN);
        String second = b.queue("q").calls().get(1).call();
        b.engine.take(T, second, "u5");
        assertEquals(List.of("u5"), b.ringingUsers());
        b.seconds(15);
        assertThat(b.ringingUsers()).isEmpty();
        assertEquals(2, b.queue("q").calls().stream().filter(w -> w.call().equals(second)).findFirst()
                .orElseThrow().position(), "back in its place");
        b.engine.take(T, second, "u6");
        String u6 = b.pickUp("u6");
        assertTrue(b.bridged(c2, u6));
        assertEquals(1, b.queue("q").waiting());
        assertThatThrownBy(() -> b.engine.take(T, "no-such-call", "u6")).isInstanceOf(DomainException.class)
                .hasMessageContaining("has ended or is not in this company");
        assertThatThrownBy(() -> b.engine.take("other", second, "u6")).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> b.engine.take(T, second, "u7")).isInstanceOf(DomainException.class)
                .hasMessageContaining("not waiting");
    }

    /** A caller who came through the queue and talks with u1. */
    private record Talking(TestBoard board, String caller, String agent, String call) {
    }

    private static Talking talkingWithU1() {
        TestBoard b = board(queue("q", 0, 0, 0, 0, 0));
        b.engine.login(T, "q", "u1");
        String caller = b.call(caller(1), Plan.MAIN);
        String u1 = b.pickUp("u1");
        return new Talking(b, caller, u1, b.onlyCall().call());
    }

    @Test
    void blindAndAttendedTransferAndHoldWithPickUp() {
        Talking t = talkingWithU1();
        TestBoard b = t.board();
        String caller = t.caller();
        String u1 = t.agent();
        String call = t.call();

        b.engine.consult(T, call, to(USER, "u2"));
        assertThat(b.commands).contains(new Command.Hold(T, caller));
        assertEquals(CallState.TRANSFERRING, b.onlyCall().state());
        assertThatThrownBy(() -> b.engine.completeTransfer(T, call)).hasMessageContaining("nobody has answered");
        String u2 = b.pickUp("u2");
        assertTrue(b.bridged(u1, u2), "u1 talks with u2 first");
        b.engine.completeTransfer(T, call);
        assertTrue(b.bridged(caller, u2));
        assertTrue(b.hungUpByEngine(u1));
        assertEquals("u2", b.onlyCall().user());

        b.engine.hold(T, call);
        assertEquals(CallState.ON_HOLD, b.onlyCall().state());
        assertTrue(b.hungUpByEngine(u2), "the one who held is free");
        b.engine.take(T, call, "u3");
        String u3 = b.pickUp("u3");
        assertTrue(b.bridged(caller, u3));

        b.engine.transfer(T, call, to(USER, "u4"));
        assertTrue(b.hungUpByEngine(u3));
        String u4 = b.pickUp("u4");
        assertTrue(b.bridged(caller, u4));
        b.hangUp(u4);
        assertThat(b.path()).containsSubsequence("queue q position 1", "answered u1", "transfer u2 asking first, by u1",
                "transfer u2 answered the question", "transfer u2 attended, by u1", "answered u2", "hold u2",
                "hold u3 picked up", "answered u3", "transfer user:u4 blind, by u3", "answered u4");
        assertEquals("u4", b.lastRecord().answeredBy());
        assertThat(b.lastRecord().users()).contains("u1", "u2", "u3", "u4");
        assertThatThrownBy(() -> b.engine.hold(T, call)).hasMessageContaining("has ended");
    }

    @Test
    void aCancelledOrUnansweredConsultationReturnsTheCallerToTheOperator() {
        Talking t = talkingWithU1();
        TestBoard b = t.board();
        String caller = t.caller();
        String u1 = t.agent();
        String call = t.call();
        b.engine.consult(T, call, to(Destination.Type.EXTERNAL, "+4798765432"));
        b.engine.cancelTransfer(T, call);
        assertEquals(CallState.CONNECTED, b.onlyCall().state());
        b.engine.consult(T, call, to(USER, "u2"));
        b.seconds(30);
        assertEquals(CallState.CONNECTED, b.onlyCall().state());
        long bridges = b.commands.stream().filter(c -> c instanceof Command.Bridge x && x.leg().equals(caller)
                && x.other().equals(u1)).count();
        assertEquals(3, bridges, "answer, and back after each failed consultation");
    }

    @Test
    void theOperatorHangingUpWhileTheTargetRingsHandsTheCallOver() {
        Talking t = talkingWithU1();
        TestBoard b = t.board();
        String caller = t.caller();
        String u1 = t.agent();
        String call = t.call();
        b.engine.consult(T, call, to(USER, "u2"));
        b.hangUp(u1);
        String u2 = b.pickUp("u2");
        assertTrue(b.bridged(caller, u2));
    }

    @Test
    void todaysFiguresStartAfreshAtMidnightInOslo() {
        TestBoard b = board(queue("q", 0, 0, 0, 0, 0));
        b.clock.set(java.time.Instant.parse("2026-11-25T22:40:00Z"));
        b.engine.login(T, "q", "u1");
        String c = b.call(caller(1), Plan.MAIN);
        b.pickUp("u1");
        b.hangUp(c);
        assertEquals(1, b.queue("q").answered());
        assertEquals(1, b.engine.agent(T, "u1").answered());
        b.seconds(600);
        assertEquals(1, b.queue("q").answered(), "23:50 in Oslo: still the same day");
        b.seconds(1200);
        assertEquals(0, b.queue("q").answered(), "00:10 in Oslo: a new day");
        assertEquals(0, b.engine.agent(T, "u1").answered());
    }

    @Test
    void anEmployeeWhoLeavesTheCompanyIsLoggedOutOfTheirQueues() {
        Plan plan = Plan.withUsers(9).main(to(QUEUE, "q")).queue(queue("q", 0, 0, 0, 0, 0));
        TestBoard b = plan.board();
        b.engine.login(T, "q", "u1");
        b.engine.setAvailability(T, "u1", no.sentral.switchboard.internal.config.Availability.AWAY);
        b.call(caller(1), Plan.MAIN);
        plan.users.removeIf(u -> u.id().equals("u1"));
        b.engine.configure(T, plan.build(), 2);
        assertThat(b.queue("q").agents()).isEmpty();
        assertEquals(List.of("u9"), b.ringingUsers(), "the waiting caller overflows: nobody is left in the queue");
    }
}
