package no.sentral.switchboard.internal.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import no.sentral.api.telephony.CallRecord.Direction;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Party;
import no.sentral.api.telephony.Signal;
import no.sentral.api.telephony.Signal.Failure;
import no.sentral.switchboard.internal.config.Availability;
import no.sentral.switchboard.internal.config.Destination;
import no.sentral.switchboard.internal.config.GroupConfig;
import no.sentral.switchboard.internal.config.MenuConfig;
import no.sentral.switchboard.internal.config.NumberEntry;
import no.sentral.switchboard.internal.config.TimeSwitch;
import no.sentral.switchboard.internal.config.UserConfig;
import no.sentral.switchboard.internal.schedule.Schedule;

/**
 * Where a company's calls go (PBX-01, PBX-02): new calls in and out by the number plan and barring, then
 * from destination to destination (people, answer groups, queues, menus, time switches, voicemail,
 * outside numbers, conference rooms) until one holds the call.
 */
final class Routing {

    /** More routing steps than any sane plan needs: a loop the validator could not see (it changes at run time). */
    static final int MAX_ROUTING_STEPS = 30;
    private static final Duration OUTSIDE_RING = Duration.ofSeconds(60);

    private final Board board;

    Routing(Board board) {
        this.board = board;
    }

    // ---- new calls

    void inbound(Signal.Inbound s) {
        String from = Barring.normalise(s.from());
        String to = Barring.normalise(s.to());
        Optional<UserConfig> colleague = board.config.userByNumber(from);
        Call call = board.newCall(colleague.isPresent() ? Direction.INTERNAL : Direction.INBOUND, from, to);
        call.caller = board.addLeg(s.leg(), call, new Party(colleague.map(UserConfig::id).orElse(null), from),
                board.callerHandler());
        board.up(call.caller);
        colleague.ifPresent(u -> call.users.add(u.id()));
        board.changed(call);
        NumberEntry entry = board.config.numbers().get(to);
        if (entry == null) {
            unknownNumber(call, to);
            return;
        }
        routeNumber(call, entry);
    }

    private void unknownNumber(Call call, String number) {
        call.hop(board.now(), "number", number, "not in use");
        board.answerCaller(call);
        board.play(call.caller, "number-unknown", Map.of());
        board.end(call, Disposition.UNKNOWN_NUMBER);
    }

    /** A number of the plan; external numbers first pass the company-wide time switch, if there is one. */
    private void routeNumber(Call call, NumberEntry entry) {
        call.hop(board.now(), "number", entry.number(), entry.main() ? "main number" : null);
        TimeSwitch company = entry.external() && board.config.companySwitch() != null
                ? board.config.switches().get(board.config.companySwitch()) : null;
        if (company != null) {
            routeByTime(call, company, entry.destination());
        } else {
            route(call, entry.destination());
        }
    }

    void outbound(Signal.Outbound s) {
        UserConfig user = board.config.users().get(s.user());
        if (user == null) {
            board.send(new Command.Hangup(board.tenant, s.leg(), "unknown user " + s.user()));
            return;
        }
        String to = Barring.normalise(s.to());
        boolean internal = board.config.numbers().containsKey(to) || board.config.userByNumber(to).isPresent();
        Call call = board.newCall(internal ? Direction.INTERNAL : Direction.OUTBOUND, user.mobile(), to);
        call.caller = board.addLeg(s.leg(), call, Party.user(user.id(), user.mobile()), board.callerHandler());
        call.pickedUp = true;
        board.up(call.caller);
        call.users.add(user.id());
        board.changed(call);
        dial(call, user, to);
    }

    /** Where a number an employee dials goes: barring first, then the plan, a colleague, or outside. */
    void dial(Call call, UserConfig user, String to) {
        Optional<String> barred = Barring.check(user, to);
        if (barred.isPresent()) {
            call.hop(board.now(), "barred", to, barred.get());
            board.play(call.caller, "call-barred", Map.of("reason", barred.get()));
            board.end(call, Disposition.BARRED);
            return;
        }
        NumberEntry entry = board.config.numbers().get(to);
        if (entry != null) {
            routeNumber(call, entry);
        } else if (board.config.userByNumber(to).isPresent()) {
            route(call, Destination.of(Destination.Type.USER, board.config.userByNumber(to).get().id()));
        } else if (to.startsWith("+")) {
            route(call, Destination.of(Destination.Type.EXTERNAL, to));
        } else {
            unknownNumber(call, to);
        }
    }

    // ---- destinations

    void route(Call call, Destination d) {
        board.leaveStep(call);
        if (call.state == CallState.ENDED) {
            return;
        }
        if (++call.routed > MAX_ROUTING_STEPS) {
            call.hop(board.now(), "routing", d.toString(), "stopped after " + MAX_ROUTING_STEPS + " steps");
            board.end(call, Disposition.FAILED);
            return;
        }
        switch (d.type()) {
            case USER -> routeUser(call, d.target());
            case GROUP -> {
                GroupConfig group = board.config.groups().get(d.target());
                if (group == null) {
                    missing(call, Destination.of(Destination.Type.GROUP, d.target()));
                } else {
                    GroupRun.start(board, call, group);
                }
            }
            case QUEUE -> {
                QueueRuntime q = board.queueOrNull(d.target());
                if (q == null) {
                    missing(call, d);
                } else {
                    q.join(call, d.priority());
                }
            }
            case MENU -> {
                MenuConfig menu = board.config.menus().get(d.target());
                if (menu == null) {
                    missing(call, Destination.of(Destination.Type.MENU, d.target()));
                } else {
                    MenuStep.start(board, call, menu);
                }
            }
            case SWITCH -> {
                TimeSwitch sw = board.config.switches().get(d.target());
                if (sw == null) {
                    missing(call, d);
                } else {
                    routeByTime(call, sw, sw.open());
                }
            }
            case VOICEMAIL -> voicemail(call, d.target());
            case EXTERNAL -> ringOutside(call, d.target());
            case CONFERENCE -> board.conferences.enter(call, d.target());
            case HANGUP -> {
                call.hop(board.now(), "hangup", null, null);
                board.end(call, Disposition.REFUSED);
            }
        }
    }

    void missing(Call call, Destination d) {
        call.hop(board.now(), "routing", d.toString(), "no longer exists");
        board.end(call, Disposition.FAILED);
    }

    private void routeByTime(Call call, TimeSwitch sw, Destination whenOpen) {
        Schedule schedule = board.config.schedules().get(sw.schedule());
        Schedule.Status status = schedule.statusAt(board.now());
        call.hop(board.now(), "schedule", sw.id(), status.state().name().toLowerCase() + ": " + status.reason());
        Destination next = switch (status.state()) {
            case OPEN -> whenOpen;
            case HOLIDAY -> sw.holiday() != null ? sw.holiday() : sw.closed();
            case CLOSED -> sw.closed();
        };
        route(call, next);
    }

    private void routeUser(Call call, String userId) {
        UserConfig user = board.config.users().get(userId);
        if (user == null) {
            missing(call, Destination.of(Destination.Type.USER, userId));
            return;
        }
        Person p = board.person(userId);
        call.users.add(userId);
        if (p.availability != Availability.AVAILABLE) {
            Destination forward = user.forward().get(UserConfig.key(p.availability));
            if (forward != null) {
                call.hop(board.now(), "user", userId, "forwarded: " + UserConfig.key(p.availability));
                route(call, forward);
                return;
            }
        }
        if (p.onCall()) {
            call.hop(board.now(), "user", userId, "on the phone");
            route(call, user.forward().getOrDefault(UserConfig.IN_CALL, voicemailOf(userId)));
            return;
        }
        if (user.mobile() == null) {
            route(call, voicemailOf(userId));
            return;
        }
        ring(call, List.of(Party.user(userId, user.mobile())), Duration.ofSeconds(user.ringSeconds()), why -> {
            call.hop(board.now(), "user", userId, why == Failure.BUSY ? "busy" : "no answer");
            route(call, user.forward().getOrDefault(UserConfig.NO_ANSWER, voicemailOf(userId)));
        });
    }

    private static Destination voicemailOf(String user) {
        return Destination.of(Destination.Type.VOICEMAIL, user);
    }

    /** Rings parties as the call's step; the first to answer talks with the caller. */
    private void ring(Call call, List<Party> parties, Duration ringTime, Consumer<Failure> unanswered) {
        ringAsStep(call, parties, ringTime, call.from, new Offer.Outcome() {
            @Override
            public void answered(Leg leg) {
                board.connect(call, leg, null, 0);
            }

            @Override
            public void unanswered(Failure why) {
                unanswered.accept(why);
            }
        });
    }

    /** Rings parties as the call's step: leaving the step (caller gone, call routed on) stops the ringing. */
    void ringAsStep(Call call, List<Party> parties, Duration ringTime, String callerId, Offer.Outcome outcome) {
        Offer[] offer = new Offer[1];
        call.step = new Call.Step() {
            @Override
            public void leave() {
                offer[0].cancel();
            }
        };
        offer[0] = Offer.ring(board, call, parties, ringTime, callerId, outcome);
    }

    private void ringOutside(Call call, String number) {
        call.hop(board.now(), "external", number, null);
        ring(call, List.of(Party.number(number)), OUTSIDE_RING, why -> {
            call.hop(board.now(), "external", number, why.name().toLowerCase().replace('_', ' '));
            board.end(call, why == Failure.BUSY ? Disposition.BUSY : Disposition.NO_ANSWER);
        });
    }

    private void voicemail(Call call, String user) {
        call.hop(board.now(), "voicemail", user, null);
        call.users.add(user);
        call.state = CallState.IN_IVR;
        call.pickedUp = true;
        board.send(new Command.Voicemail(board.tenant, call.caller.id, user));
        call.step = new Call.Step() {
            @Override
            public Disposition callerGone() {
                return Disposition.VOICEMAIL;
            }
        };
        board.changed(call);
    }

    /** Where a group or queue sends a call it cannot serve; without an overflow the caller hears so and the call ends. */
    void overflowTo(Call call, Destination overflow) {
        if (overflow != null) {
            route(call, overflow);
        } else {
            board.play(call.caller, "nobody-available", Map.of());
            board.end(call, Disposition.NO_ANSWER);
        }
    }
}
