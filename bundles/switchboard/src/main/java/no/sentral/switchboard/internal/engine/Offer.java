package no.sentral.switchboard.internal.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Party;
import no.sentral.api.telephony.Signal.Failure;

/**
 * A call offered to one or more parties at once, ringing until one answers, all fail, or the ring time
 * runs out. Answer groups, queues, direct calls, operator pick-ups and outside numbers all ring this way.
 */
final class Offer implements Leg.Handler {

    /** What the owner of an offer does with its outcome. */
    interface Outcome {
        void answered(Leg leg);

        void unanswered(Failure why);
    }

    private final Board board;
    private final Call call;
    private final Outcome outcome;
    private final Map<String, Leg> ringing = new LinkedHashMap<>();
    private final Timers.Timer timeout;
    private Failure lastFailure = Failure.NO_ANSWER;
    private boolean over;

    private Offer(Board board, Call call, Outcome outcome, Duration ringTime) {
        this.board = board;
        this.call = call;
        this.outcome = outcome;
        this.timeout = board.timer(ringTime, this::expire);
    }

    /** Rings every party; persons among them are marked ringing so nobody offers them a second call. */
    static Offer ring(Board board, Call call, List<Party> parties, Duration ringTime, String callerId,
                      Outcome outcome) {
        Offer offer = new Offer(board, call, outcome, ringTime);
        for (Party party : parties) {
            Leg leg = board.newLeg(call, party, offer);
            offer.ringing.put(leg.id, leg);
            if (party.isUser()) {
                Person p = board.person(party.user());
                p.ringing++;
                p.offered++;
                call.users.add(party.user());
            }
            call.hop(board.now(), "offered", label(party), null);
            board.send(new Command.Ring(call.tenant, leg.id, call.id, party, callerId));
        }
        call.state = CallState.OFFERED;
        board.changed(call);
        return offer;
    }

    /** How a party is named in a call's path: the employee id, or the number. */
    static String label(Party party) {
        return party.isUser() ? party.user() : party.number();
    }

    @Override
    public void answered(Leg leg) {
        if (over || ringing.remove(leg.id) == null) {
            return;
        }
        over = true;
        Timers.cancel(timeout);
        release(leg);
        for (Leg other : new ArrayList<>(ringing.values())) {
            withdraw(other, "answered elsewhere", false);
        }
        ringing.clear();
        outcome.answered(leg);
    }

    @Override
    public void failed(Leg leg, Failure failure) {
        if (over || ringing.remove(leg.id) == null) {
            return;
        }
        lastFailure = failure;
        release(leg);
        leg.gone = true;
        board.forget(leg);
        outcome(leg, failure.name().toLowerCase().replace('_', ' '), true);
        if (ringing.isEmpty()) {
            over = true;
            Timers.cancel(timeout);
            outcome.unanswered(lastFailure);
        }
    }

    @Override
    public void hungUp(Leg leg) {
        failed(leg, Failure.REJECTED);
    }

    private void expire() {
        if (over) {
            return;
        }
        over = true;
        for (Leg leg : new ArrayList<>(ringing.values())) {
            withdraw(leg, "no answer", true);
        }
        ringing.clear();
        outcome.unanswered(lastFailure);
    }

    /** The call went elsewhere (caller hung up, overflow, operator took it): stop ringing everyone. */
    void cancel() {
        if (over) {
            return;
        }
        over = true;
        Timers.cancel(timeout);
        for (Leg leg : new ArrayList<>(ringing.values())) {
            withdraw(leg, "withdrawn", false);
        }
        ringing.clear();
    }

    private void withdraw(Leg leg, String detail, boolean missed) {
        release(leg);
        leg.gone = true;
        board.forget(leg);
        board.send(new Command.Cancel(call.tenant, leg.id));
        outcome(leg, detail, missed);
    }

    /** Records how the offer to one party ended; a person who let it ring out or refused it missed it. */
    private void outcome(Leg leg, String detail, boolean missed) {
        call.hop(board.now(), "offered", label(leg.party), detail);
        if (missed && leg.party.isUser()) {
            board.person(leg.user()).missed++;
            board.visit(call, new Visit(Visit.Kind.AGENT, leg.user(), call.id, board.now(), Visit.Result.MISSED,
                    0, 0, false));
        }
    }

    private void release(Leg leg) {
        if (leg.party.isUser()) {
            board.person(leg.user()).ringing--;
        }
    }
}
