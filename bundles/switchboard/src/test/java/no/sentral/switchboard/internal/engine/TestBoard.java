package no.sentral.switchboard.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import no.sentral.api.telephony.CallRecord;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Signal;
import no.sentral.api.testing.ManualClock;
import no.sentral.switchboard.internal.config.SwitchboardConfig;
import no.sentral.switchboard.internal.config.UserConfig;

/**
 * An engine for one company with a hand-moved clock, a seeded random generator and everything it
 * sends recorded: the network's commands and the listener's calls. Tests play the network's part.
 */
final class TestBoard implements EngineListener {

    static final String TENANT = "acme";

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-25T09:00:00Z"));
    final List<Command> commands = new ArrayList<>();
    final List<CallRecord> records = new ArrayList<>();
    final List<Visit> visits = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<PendingCallback> savedCallbacks = new ArrayList<>();
    final List<String> doneCallbacks = new ArrayList<>();
    /** Callbacks asked for whose save has not been answered yet (the test plays the writer's part). */
    final List<CallbackRequest> callbackRequests = new ArrayList<>();
    final Engine engine = new Engine(clock, new SplittableRandom(7), commands::add, this);
    private int legs;

    TestBoard(SwitchboardConfig config) {
        engine.configure(TENANT, config, 1);
    }

    static UserConfig user(String id, String mobile) {
        return new UserConfig(id, "User " + id, id, mobile, 20, Map.of(), null, List.of(), List.of());
    }

    // ---- the network's part

    /** A call comes in; returns the caller's leg. */
    String call(String from, String to) {
        String leg = "in-" + (++legs);
        engine.signal(new Signal.Inbound(TENANT, leg, from, to));
        return leg;
    }

    String dialOut(String user, String to) {
        String leg = "out-" + (++legs);
        engine.signal(new Signal.Outbound(TENANT, leg, user, to));
        return leg;
    }

    void answer(String leg) {
        engine.signal(new Signal.Answered(TENANT, leg));
    }

    void fail(String leg, Signal.Failure failure) {
        engine.signal(new Signal.Failed(TENANT, leg, failure));
    }

    void hangUp(String leg) {
        engine.signal(new Signal.HungUp(TENANT, leg));
    }

    void press(String leg, String keys) {
        for (char c : keys.toCharArray()) {
            engine.signal(new Signal.Digit(TENANT, leg, c));
        }
    }

    /** A callback asked for, to be saved by {@code deadline} (engine time). */
    record CallbackRequest(PendingCallback callback, long request, Instant deadline) {
    }

    /** Answers every callback save asked for: saved (the callback is then durable) or failed. */
    void storeCallbacks(boolean stored) {
        List<CallbackRequest> answered = List.copyOf(callbackRequests);
        callbackRequests.clear();
        for (CallbackRequest r : answered) {
            if (stored) {
                savedCallbacks.add(r.callback());
            }
            engine.callbackStored(TENANT, r.callback().call(), r.request(), stored);
        }
    }

    void pass(Duration d) {
        clock.advance(d);
        engine.advance();
    }

    void seconds(long s) {
        pass(Duration.ofSeconds(s));
    }

    // ---- what the engine did

    /** Legs that ring now: rung and neither cancelled nor hung up nor answered. */
    List<Command.Ring> ringing() {
        List<Command.Ring> rings = new ArrayList<>();
        for (Command c : commands) {
            if (c instanceof Command.Ring r) {
                rings.add(r);
            } else if (c instanceof Command.Cancel || c instanceof Command.Hangup) {
                rings.removeIf(r -> r.leg().equals(c.leg()));
            }
        }
        rings.removeIf(r -> answered.contains(r.leg()) || failed.contains(r.leg()));
        return rings;
    }

    private final List<String> answered = new ArrayList<>();
    private final List<String> failed = new ArrayList<>();

    /** The user's phone rings; answers it and returns the leg. */
    String pickUp(String user) {
        String leg = ringLeg(r -> user.equals(r.to().user()), "user " + user);
        answered.add(leg);
        answer(leg);
        return leg;
    }

    /** An outside number rings; answers it. */
    String pickUpNumber(String number) {
        String leg = ringLeg(r -> number.equals(r.to().number()) && r.to().user() == null, number);
        answered.add(leg);
        answer(leg);
        return leg;
    }

    void reject(String user, Signal.Failure failure) {
        String leg = ringLeg(r -> user.equals(r.to().user()), "user " + user);
        failed.add(leg);
        fail(leg, failure);
    }

    void rejectNumber(String number, Signal.Failure failure) {
        String leg = ringLeg(r -> number.equals(r.to().number()) && r.to().user() == null, number);
        failed.add(leg);
        fail(leg, failure);
    }

    private String ringLeg(Predicate<Command.Ring> which, String what) {
        return ringing().stream().filter(which).map(Command.Ring::leg).findFirst()
                .orElseThrow(() -> new AssertionError(what + " is not ringing; ringing: " + ringingUsers()));
    }

    List<String> ringingUsers() {
        return ringing().stream().map(r -> r.to().user() != null ? r.to().user() : r.to().number()).toList();
    }

    boolean bridged(String leg, String other) {
        return commands.stream().anyMatch(c -> c instanceof Command.Bridge b
                && (b.leg().equals(leg) && b.other().equals(other) || b.leg().equals(other) && b.other().equals(leg)));
    }

    List<Command.Play> plays(String leg) {
        return commands.stream().filter(c -> c instanceof Command.Play p && p.leg().equals(leg))
                .map(c -> (Command.Play) c).toList();
    }

    boolean hungUpByEngine(String leg) {
        return commands.stream().anyMatch(c -> c instanceof Command.Hangup h && h.leg().equals(leg));
    }

    CallRecord lastRecord() {
        if (records.isEmpty()) {
            throw new AssertionError("no call has ended");
        }
        return records.get(records.size() - 1);
    }

    /** The path of the last ended call as {@code kind target detail} lines. */
    List<String> path() {
        return lastRecord().path().stream()
                .map(h -> h.kind() + " " + h.target() + (h.detail() == null ? "" : " " + h.detail())).toList();
    }

    CallView onlyCall() {
        List<CallView> calls = engine.calls(TENANT);
        assertEquals(1, calls.size(), "live calls: " + calls);
        return calls.get(0);
    }

    Views.Figures queue(String id) {
        return engine.queues(TENANT).stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    // ---- listener

    @Override
    public void callEnded(CallRecord record, List<Visit> visits) {
        records.add(record);
        this.visits.addAll(visits);
    }

    @Override
    public void waitLevel(String tenant, String call, String queue, WaitColour colour) {
        notes.add("colour " + queue + " " + colour);
    }

    @Override
    public void longWait(String tenant, String call, String queue, long waitSeconds) {
        notes.add("alert " + queue + " " + waitSeconds);
    }

    @Override
    public void userStatus(String tenant, String user, boolean onCall) {
        notes.add("status " + user + " " + (onCall ? "on-call" : "free"));
    }

    @Override
    public void callbackRequested(PendingCallback callback, long request, Instant deadline) {
        callbackRequests.add(new CallbackRequest(callback, request, deadline));
    }

    @Override
    public void callbackSaved(PendingCallback callback) {
        savedCallbacks.add(callback);
    }

    @Override
    public void callbackDone(String tenant, String call) {
        doneCallbacks.add(call);
    }
}
