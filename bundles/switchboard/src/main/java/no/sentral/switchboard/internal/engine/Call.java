package no.sentral.switchboard.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.sentral.api.telephony.CallRecord.Direction;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Hop;

/** A call in progress: its legs, its state, the path it took and the visits that count in statistics. */
final class Call {

    /** What a call is doing now; gets the caller's keys and is told when the call moves on or ends. */
    interface Step {
        default void digit(char digit) {
        }

        /** The call leaves this step: cancel its timers and offers. Called at most once per step. */
        default void leave() {
        }

        /** The caller hung up here; the step records it and says how the call ended. */
        default Disposition callerGone() {
            leave();
            return Disposition.ABANDONED;
        }
    }

    final String id;
    final String tenant;
    final Direction direction;
    final String from;
    final String to;
    final Instant startedAt;
    /** The caller's leg; null while a callback waits for its turn. */
    Leg caller;
    /** The engine picked up the caller's leg (to play prompts), so it need not again. */
    boolean pickedUp;
    final List<Leg> legs = new ArrayList<>();
    CallState state = CallState.RINGING;
    Step step;
    Instant answeredAt;
    String answeredBy;
    String queue;
    /** Routing steps taken; a guard against loops the validator cannot see. */
    int routed;
    /** Callback saves asked for (PBX-05), numbering each so that a late answer to an older one is told apart. */
    long callbackRequests;
    final List<Hop> path = new ArrayList<>();
    final Set<String> users = new LinkedHashSet<>();
    final List<Visit> visits = new ArrayList<>();

    Call(String id, String tenant, Direction direction, String from, String to, Instant startedAt) {
        this.id = id;
        this.tenant = tenant;
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.startedAt = startedAt;
    }

    void hop(Instant at, String kind, String target, String detail) {
        path.add(new Hop(at, kind, target, detail));
    }

    /** The call as operators see it, with its whole path. */
    CallView view() {
        return new CallView(tenant, id, direction, from, to, state, startedAt, queue, answeredBy, List.copyOf(path));
    }

    /** The call as its change events carry it: only the latest hop, since the path grows with every step. */
    CallView change() {
        return new CallView(tenant, id, direction, from, to, state, startedAt, queue, answeredBy,
                path.isEmpty() ? List.of() : List.of(path.get(path.size() - 1)));
    }
}
