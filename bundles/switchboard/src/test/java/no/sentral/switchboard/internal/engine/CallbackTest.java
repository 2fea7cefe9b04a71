package no.sentral.switchboard.internal.engine;

import static no.sentral.switchboard.internal.config.Destination.Type.QUEUE;
import static no.sentral.switchboard.internal.engine.Plan.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Signal.Failure;
import no.sentral.switchboard.internal.config.Availability;
import no.sentral.switchboard.internal.config.Strategy;
import no.sentral.switchboard.internal.config.SwitchboardConfig;
import org.junit.jupiter.api.Test;

/**
 * Callback keeping the caller's place (PBX-05), across a restart too; the confirmation only once the
 * callback is saved (issue 11 section 3), which the test answers for the writer.
 */
class CallbackTest {

    private static final String T = TestBoard.TENANT;
    private static final String A = "+4741000001";
    private static final String B = "+4741000002";
    private static final String C = "+4741000003";

    private static SwitchboardConfig plan() {
        return Plan.withUsers(2).main(to(QUEUE, "q")).queue(Plan.queue("q", Strategy.LINEAR)).build();
    }

    /** A, B and C call while the only agent is away; A asks for a callback. */
    private static TestBoard queuedWithCallback() {
        TestBoard b = new TestBoard(plan());
        b.engine.login(T, "q", "u1");
        b.engine.setAvailability(T, "u1", Availability.AWAY);
        String a = b.call(A, Plan.MAIN);
        b.seconds(10);
        b.call(B, Plan.MAIN);
        b.seconds(10);
        b.press(a, "1");
        b.storeCallbacks(true);
        b.seconds(10);
        b.call(C, Plan.MAIN);
        assertTrue(b.hungUpByEngine(a), "the caller hangs up after the confirmation");
        assertEquals("callback-confirmed", b.plays(a).get(b.plays(a).size() - 1).prompt());
        return b;
    }

    @Test
    void theCallbackKeepsItsPlaceAndTheAgentIsOfferedItFirst() {
        TestBoard b = queuedWithCallback();
        Views.Figures f = b.queue("q");
        assertEquals(List.of(A, B, C), f.calls().stream().map(Views.Waiting::from).toList());
        assertEquals(1, f.callbacks());
        assertEquals(2, f.waiting());
        assertEquals(1, b.savedCallbacks.size());
        b.engine.setAvailability(T, "u1", Availability.AVAILABLE);
        assertEquals(A, b.ringing().get(0).callerId(), "the agent sees whom they will call back");
        String agent = b.pickUp("u1");
        assertEquals(List.of(A), b.ringingUsers(), "then the engine calls the caller");
        assertEquals(Plan.MAIN, b.ringing().get(0).callerId(), "showing the number they called");
        String a = b.pickUpNumber(A);
        assertTrue(b.bridged(a, agent));
        assertEquals(List.of(b.savedCallbacks.get(0).call()), b.doneCallbacks);
        b.seconds(100);
        b.hangUp(a);
        assertThat(b.path()).containsSubsequence("queue q position 1", "callback q requested at position 1",
                "offered u1", "callback u1 calling " + A + ", attempt 1", "offered " + A, "answered u1");
        assertEquals(Disposition.ANSWERED, b.lastRecord().disposition());
        assertEquals(b.savedCallbacks.get(0).call(), b.lastRecord().call(), "one call from first ring to the end");
        assertEquals(B, b.ringing().get(0).callerId(), "then B, who was next");
    }

    @Test
    void anUnansweredCallbackIsTriedAgainAtTheHeadAndGivenUpAfterThreeAttempts() {
        TestBoard b = queuedWithCallback();
        b.engine.login(T, "q", "u2");
        b.engine.logout(T, "q", "u1");
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertEquals(A, b.ringing().get(0).callerId(), "attempt " + attempt);
            String agent = b.pickUp("u2");
            b.rejectNumber(A, Failure.BUSY);
            assertTrue(b.hungUpByEngine(agent));
            if (attempt < 3) {
                assertEquals(attempt, b.savedCallbacks.get(b.savedCallbacks.size() - 1).attempts());
                assertEquals(CallState.QUEUED, b.engine.calls(T).stream().filter(c -> c.from().equals(A))
                        .findFirst().orElseThrow().state(), "waiting for its retry, not offered");
                assertThat(b.ringing()).as("the next caller is served meanwhile").extracting(r -> r.callerId())
                        .containsExactly(attempt == 1 ? B : C);
                String bLeg = b.pickUp("u2");
                b.hangUp(bLeg);
                b.seconds(60);
            }
        }
        assertEquals(Disposition.NO_ANSWER, b.lastRecord().disposition());
        assertThat(b.path()).last().isEqualTo("callback q given up: not answered 3 times");
        assertThat(b.doneCallbacks).contains(b.savedCallbacks.get(0).call());
    }

    @Test
    void afterARestartTheCallbackIsBackInItsPlaceAheadOfLaterCallers() {
        TestBoard before = queuedWithCallback();
        PendingCallback saved = before.savedCallbacks.get(0);

        TestBoard after = new TestBoard(plan());
        after.clock.set(before.clock.instant().plusSeconds(120));
        after.engine.restoreCallback(saved);
        after.engine.login(T, "q", "u1");
        after.engine.setAvailability(T, "u1", Availability.AWAY);
        after.call(C, Plan.MAIN);
        Views.Figures f = after.queue("q");
        assertEquals(List.of(A, C), f.calls().stream().map(Views.Waiting::from).toList());
        assertEquals(150, f.calls().get(0).waitSeconds(), "its wait counts from when it first queued");
        after.engine.setAvailability(T, "u1", Availability.AVAILABLE);
        assertEquals(A, after.ringing().get(0).callerId());
    }

    /** A and B wait while the only agent is away; A presses the callback key. Returns A's leg. */
    private static String askedForCallback(TestBoard b) {
        b.engine.login(T, "q", "u1");
        b.engine.setAvailability(T, "u1", Availability.AWAY);
        String a = b.call(A, Plan.MAIN);
        b.seconds(10);
        b.call(B, Plan.MAIN);
        b.press(a, "1");
        return a;
    }

    private static List<String> prompts(TestBoard b, String leg) {
        return b.plays(leg).stream().map(p -> p.prompt()).toList();
    }

    @Test
    void theConfirmationPlaysOnlyOnceTheCallbackIsSaved() {
        TestBoard b = new TestBoard(plan());
        String a = askedForCallback(b);
        b.seconds(2);
        assertThat(prompts(b, a)).doesNotContain("callback-confirmed");
        assertThat(b.hungUpByEngine(a)).as("the caller stays on the line while the callback is saved").isFalse();
        assertEquals(1, b.callbackRequests.size());
        assertEquals(0, b.queue("q").callbacks());
        b.storeCallbacks(true);
        assertThat(prompts(b, a)).last().isEqualTo("callback-confirmed");
        assertTrue(b.hungUpByEngine(a));
        assertEquals(1, b.queue("q").callbacks());
        assertEquals(List.of(A, B), b.queue("q").calls().stream().map(Views.Waiting::from).toList());
    }

    @Test
    void aFailedSaveKeepsTheCallerInTheirPlaceAndTellsThemCallbackIsUnavailable() {
        TestBoard b = new TestBoard(plan());
        String a = askedForCallback(b);
        b.storeCallbacks(false);
        assertThat(prompts(b, a)).doesNotContain("callback-confirmed").last().isEqualTo("callback-unavailable");
        assertThat(b.hungUpByEngine(a)).isFalse();
        Views.Figures f = b.queue("q");
        assertEquals(List.of(A, B), f.calls().stream().map(Views.Waiting::from).toList());
        assertEquals(0, f.callbacks());
        assertEquals(2, f.waiting());
        assertThat(b.doneCallbacks).as("whatever the failed write left is removed").hasSize(1);
        b.engine.setAvailability(T, "u1", Availability.AVAILABLE);
        assertEquals(A, b.ringing().get(0).callerId(), "A is still served first, on the line");
    }

    @Test
    void aSaveNotAnsweredInTimeIsGivenUpAndALateAnswerChangesNothing() {
        TestBoard b = new TestBoard(plan());
        String a = askedForCallback(b);
        b.pass(QueueRuntime.CALLBACK_SAVE_TIMEOUT.minusMillis(1));
        assertThat(prompts(b, a)).doesNotContain("callback-unavailable");
        b.pass(java.time.Duration.ofMillis(1));
        assertThat(prompts(b, a)).last().isEqualTo("callback-unavailable");
        b.storeCallbacks(true);
        assertThat(prompts(b, a)).doesNotContain("callback-confirmed");
        assertThat(b.hungUpByEngine(a)).isFalse();
        assertEquals(0, b.queue("q").callbacks());
        assertEquals(A, b.queue("q").calls().get(0).from());

        b.press(a, "1");
        b.storeCallbacks(true);
        assertThat(prompts(b, a)).last().isEqualTo("callback-confirmed");
        assertTrue(b.hungUpByEngine(a));
        assertEquals(1, b.queue("q").callbacks());
    }

    @Test
    void aCallerWhoHangsUpWhileTheCallbackIsSavedIsNotCalledBack() {
        TestBoard b = new TestBoard(plan());
        String a = askedForCallback(b);
        b.hangUp(a);
        assertThat(b.doneCallbacks).hasSize(1);
        b.storeCallbacks(true);
        assertEquals(List.of(B), b.queue("q").calls().stream().map(Views.Waiting::from).toList());
        assertEquals(Disposition.ABANDONED, b.lastRecord().disposition());
    }

    @Test
    void callersWithoutACallableNumberAreToldTheyCannotBeCalledBack() {
        TestBoard b = new TestBoard(plan());
        b.engine.login(T, "q", "u1");
        b.engine.setAvailability(T, "u1", Availability.AWAY);
        String anonymous = b.call("anonymous", Plan.MAIN);
        b.press(anonymous, "1");
        assertEquals("callback-unavailable", b.plays(anonymous).get(1).prompt());
        assertEquals(0, b.queue("q").callbacks());
        assertThat(b.savedCallbacks).isEmpty();
    }

    @Test
    void stoppingTheEngineEndsCallsInProgressWithTheirRecordsButKeepsCallbacksWaiting() {
        TestBoard b = queuedWithCallback();
        String callback = b.savedCallbacks.get(0).call();
        b.engine.stop();
        assertEquals(2, b.records.size(), "B and C, still on the line");
        assertThat(b.records).allSatisfy(r -> {
            assertEquals(Disposition.FAILED, r.disposition());
            assertThat(r.path()).last().satisfies(h -> assertEquals("stopped", h.detail()));
        });
        assertThat(b.doneCallbacks).doesNotContain(callback);
        assertEquals(List.of(callback), b.engine.calls(T).stream().map(CallView::call).toList());
    }
}
