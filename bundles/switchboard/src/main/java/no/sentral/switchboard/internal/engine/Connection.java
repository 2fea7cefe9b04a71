package no.sentral.switchboard.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import no.sentral.api.failure.DomainException;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Party;
import no.sentral.api.telephony.Signal.Failure;
import no.sentral.switchboard.internal.config.Destination;

/**
 * A caller talking with someone: the step that hangs up both sides, counts talk time and wrap-up, and
 * carries the operator's blind and attended transfers and hold (SB-05, SB-07).
 */
final class Connection implements Call.Step, Leg.Handler {

    private static final Duration CONSULT_RING = Duration.ofSeconds(30);
    private static final Duration PICKUP_RING = Duration.ofSeconds(20);

    /** The queue or group visit that led to this connection; completed with the talk time when it ends. */
    record Draft(Visit.Kind kind, String id, Instant entered, long waitMillis, boolean withinServiceLevel,
                 Counters counters) {
    }

    private final Board board;
    private final Call call;
    private final Leg other;
    private final Draft draft;
    private final int wrapUpSeconds;
    private final Instant since;
    private boolean finished;
    private Consult consult;

    Connection(Board board, Call call, Leg other, Draft draft, int wrapUpSeconds) {
        this.board = board;
        this.call = call;
        this.other = other;
        this.draft = draft;
        this.wrapUpSeconds = wrapUpSeconds;
        this.since = board.now();
    }

    /** The one who answered hung up; during an attended transfer that hands the caller over. */
    @Override
    public void hungUp(Leg leg) {
        if (consult != null) {
            if (consult.leg != null) {
                completeTransfer();
            } else {
                Destination to = consult.destination();
                consult.offer.cancel();
                consult = null;
                call.hop(board.now(), "transfer", Offer.label(other.party), "hung up while it rang: blind transfer");
                finish();
                board.routing.route(call, to);
            }
            return;
        }
        finish();
        board.end(call, Disposition.ANSWERED);
    }

    @Override
    public Disposition callerGone() {
        leave();
        return Disposition.ANSWERED;
    }

    @Override
    public void leave() {
        if (consult != null) {
            consult.drop();
            consult = null;
        }
        finish();
    }

    /** Counts the talk into the visit, the agent's figures and their wrap-up; once. */
    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        Instant now = board.now();
        long talk = Duration.between(since, now).toMillis();
        if (draft != null) {
            draft.counters.talks++;
            draft.counters.talkMillis += talk;
            board.visit(call, new Visit(draft.kind, draft.id, call.id, draft.entered, Visit.Result.ANSWERED,
                    draft.waitMillis, talk, draft.withinServiceLevel));
        }
        if (other.party.isUser()) {
            Person p = board.person(other.user());
            p.talkMillis += talk;
            if (draft != null) {
                board.visit(call, new Visit(Visit.Kind.AGENT, p.id, call.id, since, Visit.Result.ANSWERED,
                        draft.waitMillis, talk, draft.withinServiceLevel));
            }
            if (wrapUpSeconds > 0) {
                p.wrapUpUntil = now.plusSeconds(wrapUpSeconds);
                board.timerAt(p.wrapUpUntil, () -> board.dispatchFor(p));
            }
        }
    }

    void transfer(Destination to) {
        requireNoConsult();
        call.hop(board.now(), "transfer", to.toString(), "blind, by " + Offer.label(other.party));
        finish();
        board.hangup(other, "transferred");
        call.state = CallState.TRANSFERRING;
        board.routing.route(call, to);
    }

    void consult(Party target) {
        requireNoConsult();
        board.send(new Command.Hold(call.tenant, call.caller.id));
        call.state = CallState.TRANSFERRING;
        call.hop(board.now(), "transfer", Offer.label(target), "asking first, by " + Offer.label(other.party));
        consult = new Consult(target);
        board.changed(call);
    }

    void completeTransfer() {
        if (consult == null || consult.leg == null) {
            throw DomainException.conflict("call " + call.id + ": nobody has answered the transfer yet");
        }
        Leg target = consult.leg;
        consult = null;
        call.hop(board.now(), "transfer", Offer.label(target.party), "attended, by " + Offer.label(other.party));
        finish();
        board.hangup(other, "transferred");
        board.connect(call, target, null, 0);
    }

    void cancelTransfer() {
        if (consult == null) {
            throw DomainException.conflict("call " + call.id + " is not being transferred");
        }
        call.hop(board.now(), "transfer", Offer.label(consult.target), "cancelled");
        consult.drop();
        resume();
    }

    void hold() {
        requireNoConsult();
        finish();
        board.hangup(other, "call held");
        board.send(new Command.Hold(call.tenant, call.caller.id));
        call.state = CallState.ON_HOLD;
        call.hop(board.now(), "hold", Offer.label(other.party), null);
        call.step = new Held();
        board.changed(call);
    }

    private void requireNoConsult() {
        if (consult != null) {
            throw DomainException.conflict("call " + call.id + " is being transferred; complete or cancel that first");
        }
    }

    private void resume() {
        consult = null;
        board.send(new Command.Bridge(call.tenant, call.caller.id, other.id));
        call.state = CallState.CONNECTED;
        board.changed(call);
    }

    /** The consultation call of an attended transfer. */
    private final class Consult implements Offer.Outcome, Leg.Handler {
        final Party target;
        final Offer offer;
        Leg leg;

        Consult(Party target) {
            this.target = target;
            this.offer = Offer.ring(board, call, List.of(target), CONSULT_RING, other.party.number(), this);
            call.state = CallState.TRANSFERRING;
        }

        Destination destination() {
            return target.isUser() ? Destination.of(Destination.Type.USER, target.user())
                    : Destination.of(Destination.Type.EXTERNAL, target.number());
        }

        @Override
        public void answered(Leg answered) {
            leg = answered;
            leg.handler = this;
            board.send(new Command.Bridge(call.tenant, other.id, leg.id));
            call.hop(board.now(), "transfer", Offer.label(target), "answered the question");
            board.changed(call);
        }

        @Override
        public void unanswered(Failure why) {
            call.hop(board.now(), "transfer", Offer.label(target), "no answer");
            resume();
        }

        /** The one asked hung up before the transfer was completed: back to the caller. */
        @Override
        public void hungUp(Leg gone) {
            call.hop(board.now(), "transfer", Offer.label(target), "hung up");
            resume();
        }

        void drop() {
            offer.cancel();
            board.hangup(leg, "transfer cancelled");
        }
    }

    /** A call parked on hold; anyone may take it, and it stays parked if they do not answer. */
    final class Held implements Call.Step {
        private Offer offer;

        void offerTo(Person p) {
            if (offer != null) {
                throw DomainException.conflict("call " + call.id + " is already ringing someone");
            }
            offer = Offer.ring(board, call, List.of(board.partyOf(p.id)), PICKUP_RING, call.from, new Offer.Outcome() {
                @Override
                public void answered(Leg leg) {
                    call.hop(board.now(), "hold", p.id, "picked up");
                    board.connect(call, leg, null, 0);
                }

                @Override
                public void unanswered(Failure why) {
                    offer = null;
                    call.state = CallState.ON_HOLD;
                    board.changed(call);
                }
            });
        }

        @Override
        public void leave() {
            if (offer != null) {
                offer.cancel();
            }
        }
    }
}
