package no.sentral.switchboard.internal.engine;

import java.time.Duration;
import java.util.List;
import no.sentral.api.failure.DomainException;
import no.sentral.api.telephony.CallRecord.Direction;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Party;
import no.sentral.api.telephony.Signal.Failure;
import no.sentral.switchboard.internal.config.Availability;
import no.sentral.switchboard.internal.config.Destination;
import no.sentral.switchboard.internal.config.UserConfig;

/**
 * What operators and users do to a company's calls and to themselves (SB-05, SB-07, PBX-14, APP-03):
 * availability, queue logins, click to dial, transfers, hold and taking a call. Each throws a
 * {@link DomainException} on a call that ended or is elsewhere.
 */
final class OperatorActions {

    private final Board board;

    OperatorActions(Board board) {
        this.board = board;
    }

    private Call call(String id) {
        return board.liveCall(id).orElseThrow(() ->
                DomainException.notFound("call " + id + " (it has ended or is not in this company)"));
    }

    void setAvailability(String userId, Availability availability) {
        board.user(userId);
        Person p = board.person(userId);
        p.availability = availability;
        board.listener().statsChanged(board.tenant, Visit.Kind.AGENT, userId);
        if (availability == Availability.AVAILABLE) {
            board.dispatchFor(p);
        }
    }

    void login(String queueId, String userId) {
        UserConfig user = board.user(userId);
        if (user.mobile() == null) {
            throw DomainException.invalid("user", "user " + userId + " has no phone to take calls on");
        }
        board.queue(queueId).login(board.person(userId));
    }

    void logout(String queueId, String userId) {
        board.user(userId);
        board.queue(queueId).logout(board.person(userId));
    }

    /** Click to dial (PBX-14): ring the employee's own phone first, then connect them to the number. */
    Call clickToDial(String userId, String target) {
        UserConfig user = board.user(userId);
        if (user.mobile() == null) {
            throw DomainException.invalid("user", "user " + userId + " has no phone to call from");
        }
        String to = Barring.normalise(target);
        if (!to.matches("\\+?[0-9]{2,15}")) {
            throw DomainException.invalid("number", "'" + target + "' is not a phone number");
        }
        Barring.check(user, to).ifPresent(reason -> {
            throw DomainException.of(DomainException.Kind.FORBIDDEN, "call-barred", "Call barred", reason);
        });
        Call call = board.newCall(Direction.CLICK_TO_DIAL, user.mobile(), to);
        call.hop(board.now(), "click-to-dial", userId, to);
        board.routing.ringAsStep(call, List.of(Party.user(userId, user.mobile())),
                Duration.ofSeconds(user.ringSeconds()), to, new Offer.Outcome() {
                    @Override
                    public void answered(Leg leg) {
                        call.step = null;
                        call.caller = leg;
                        call.pickedUp = true;
                        leg.handler = board.callerHandler();
                        call.hop(board.now(), "answered", userId, "own phone");
                        board.routing.dial(call, user, to);
                    }

                    @Override
                    public void unanswered(Failure why) {
                        board.end(call, Disposition.NO_ANSWER);
                    }
                });
        return call;
    }

    /** Blind transfer of a connected call: the one who answered leaves, the caller goes on to {@code to}. */
    void transfer(String callId, Destination to) {
        connection(call(callId)).transfer(to);
    }

    /** Attended transfer, first half: the caller waits on hold while the one who answered asks {@code to}. */
    void consult(String callId, Destination to) {
        Connection c = connection(call(callId));
        if (to.type() != Destination.Type.USER && to.type() != Destination.Type.EXTERNAL) {
            throw DomainException.invalid("to", "an attended transfer goes to a person or a number");
        }
        c.consult(to.type() == Destination.Type.USER ? board.partyOf(board.user(to.target()).id())
                : Party.number(to.target()));
    }

    void completeTransfer(String callId) {
        connection(call(callId)).completeTransfer();
    }

    void cancelTransfer(String callId) {
        connection(call(callId)).cancelTransfer();
    }

    /** Parks a connected call on hold; the operator is free, and anyone may pick it up (SB-05). */
    void hold(String callId) {
        connection(call(callId)).hold();
    }

    /** An operator or a colleague takes a waiting or held call: it rings them, and stays where it was if they do not answer. */
    void take(String callId, String userId) {
        Call call = call(callId);
        board.user(userId);
        Person p = board.person(userId);
        if (p.onCall()) {
            throw DomainException.conflict("user " + userId + " is on the phone");
        }
        if (call.step instanceof QueueRuntime.Entry entry) {
            entry.offerTo(p);
        } else if (call.step instanceof Connection.Held held) {
            held.offerTo(p);
        } else {
            throw DomainException.conflict("call " + callId + " is " + call.state.name().toLowerCase()
                    + ", not waiting in a queue or on hold");
        }
    }

    private Connection connection(Call call) {
        if (call.step instanceof Connection c) {
            return c;
        }
        throw DomainException.conflict("call " + call.id + " is " + call.state.name().toLowerCase()
                + ", not connected to anyone");
    }
}
