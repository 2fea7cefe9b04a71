package no.sentral.switchboard.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.sentral.api.failure.DomainException;
import no.sentral.api.telephony.CallRecord;
import no.sentral.api.telephony.CallRecord.Direction;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Party;
import no.sentral.api.telephony.Signal;
import no.sentral.switchboard.internal.config.GroupConfig;
import no.sentral.switchboard.internal.config.SwitchboardConfig;
import no.sentral.switchboard.internal.config.UserConfig;

/**
 * One company's live switchboard: its calls, legs, people, queues and answer-group figures, the
 * plumbing the steps share, connecting and ending calls, and the views. Driven by {@link Engine} on one
 * thread. Where calls go is {@link Routing}; menus, answer groups and conference rooms are
 * {@link MenuStep}, {@link GroupRun} and {@link Conferences}; operators act through {@link OperatorActions}.
 */
final class Board {

    private final Engine engine;
    final String tenant;
    SwitchboardConfig config = SwitchboardConfig.empty();
    final Routing routing = new Routing(this);
    final Conferences conferences = new Conferences(this);
    final OperatorActions actions = new OperatorActions(this);
    private final Map<String, Call> calls = new LinkedHashMap<>();
    private final Map<String, Leg> legs = new HashMap<>();
    private final Map<String, Person> persons = new HashMap<>();
    private final Map<String, QueueRuntime> queues = new LinkedHashMap<>();
    private final Map<String, Hunt> groupHunts = new HashMap<>();
    private final Map<String, Counters> groupCounters = new HashMap<>();
    private final Leg.Handler callerHandler = new Leg.Handler() {
        @Override
        public void hungUp(Leg leg) {
            Call call = leg.call;
            Disposition d = call.step == null ? Disposition.ABANDONED : call.step.callerGone();
            call.step = null;
            end(call, d);
        }

        @Override
        public void digit(Leg leg, char digit) {
            if (leg.call.step != null) {
                leg.call.step.digit(digit);
            }
        }
    };

    Leg.Handler callerHandler() {
        return callerHandler;
    }

    Board(Engine engine, String tenant) {
        this.engine = engine;
        this.tenant = tenant;
    }

    // ---- plumbing shared by the steps

    Instant now() {
        return engine.now();
    }

    LocalDate today() {
        return engine.today();
    }

    Timers.Timer timer(Duration after, Runnable action) {
        return engine.timers().at(now().plus(after), action);
    }

    Timers.Timer timerAt(Instant at, Runnable action) {
        return engine.timers().at(at, action);
    }

    java.util.random.RandomGenerator random() {
        return engine.random();
    }

    EngineListener listener() {
        return engine.listener();
    }

    void send(Command command) {
        engine.send(command);
    }

    Call newCall(Direction direction, String from, String to) {
        Call call = new Call(engine.newId(), tenant, direction, from, to, now());
        calls.put(call.id, call);
        return call;
    }

    Optional<Call> liveCall(String id) {
        return Optional.ofNullable(calls.get(id));
    }

    Leg newLeg(Call call, Party party, Leg.Handler handler) {
        return addLeg(engine.newId(), call, party, handler);
    }

    Leg addLeg(String id, Call call, Party party, Leg.Handler handler) {
        Leg leg = new Leg(id, call, party, handler);
        legs.put(id, leg);
        call.legs.add(leg);
        return leg;
    }

    void forget(Leg leg) {
        legs.remove(leg.id);
    }

    Person person(String user) {
        return persons.computeIfAbsent(user, Person::new).on(today());
    }

    UserConfig user(String id) {
        return config.user(id).orElseThrow(() -> DomainException.notFound("user " + id));
    }

    Party partyOf(String user) {
        return Party.user(user, config.users().get(user).mobile());
    }

    void changed(Call call) {
        listener().callChanged(call.change());
    }

    void visit(Call call, Visit visit) {
        call.visits.add(visit);
        listener().statsChanged(tenant, visit.kind(), visit.id());
    }

    Counters groupCounters(String group) {
        return groupCounters.computeIfAbsent(group, g -> new Counters()).on(today());
    }

    Hunt groupHunt(String group) {
        return groupHunts.computeIfAbsent(group, g -> new Hunt());
    }

    void answerCaller(Call call) {
        if (!call.pickedUp && call.caller != null) {
            call.pickedUp = true;
            send(new Command.Answer(tenant, call.caller.id));
        }
    }

    void play(Leg leg, String prompt, Map<String, String> args) {
        if (leg != null && !leg.gone) {
            send(new Command.Play(tenant, leg.id, prompt, args));
        }
    }

    /** The engine hangs up a leg; the adapter sends no signal for it any more. */
    void hangup(Leg leg, String reason) {
        if (leg == null || leg.gone) {
            return;
        }
        leg.gone = true;
        forget(leg);
        send(leg.up || leg == leg.call.caller ? new Command.Hangup(tenant, leg.id, reason)
                : new Command.Cancel(tenant, leg.id));
        down(leg);
    }

    void up(Leg leg) {
        if (leg.up) {
            return;
        }
        leg.up = true;
        if (leg.party.isUser() && ++person(leg.user()).legsUp == 1) {
            listener().userStatus(tenant, leg.user(), true);
            listener().statsChanged(tenant, Visit.Kind.AGENT, leg.user());
        }
    }

    private void down(Leg leg) {
        if (!leg.up) {
            return;
        }
        leg.up = false;
        if (leg.party.isUser()) {
            Person p = person(leg.user());
            if (--p.legsUp == 0) {
                listener().userStatus(tenant, p.id, false);
                listener().statsChanged(tenant, Visit.Kind.AGENT, p.id);
                dispatchFor(p);
            }
        }
    }

    /** Someone may have become free: let their queues offer them the next call, longest-waiting queue first. */
    void dispatchFor(Person p) {
        p.queues.stream().map(queues::get).filter(q -> q != null && q.hasWaiting())
                .sorted(Comparator.comparing(QueueRuntime::headKey, QueueRuntime.ORDER)).toList()
                .forEach(QueueRuntime::dispatch);
    }

    void leaveStep(Call call) {
        Call.Step step = call.step;
        call.step = null;
        if (step != null) {
            step.leave();
        }
    }

    // ---- configuration

    void configure(SwitchboardConfig next) {
        this.config = next;
        next.queues().values().forEach(q -> queues.computeIfAbsent(q.id(), id -> new QueueRuntime(this, q)).configure(q));
        for (QueueRuntime q : List.copyOf(queues.values())) {
            if (!next.queues().containsKey(q.id())) {
                queues.remove(q.id());
                q.removed();
            }
        }
    }

    QueueRuntime queue(String id) {
        QueueRuntime q = queues.get(id);
        if (q == null) {
            throw DomainException.notFound("queue " + id);
        }
        return q;
    }

    QueueRuntime queueOrNull(String id) {
        return queues.get(id);
    }

    // ---- signals

    void signal(Signal s) {
        if (s instanceof Signal.Inbound i) {
            routing.inbound(i);
            return;
        }
        if (s instanceof Signal.Outbound o) {
            routing.outbound(o);
            return;
        }
        Leg leg = legs.get(s.leg());
        if (leg == null || leg.gone) {
            return;
        }
        if (s instanceof Signal.Answered) {
            up(leg);
            leg.handler.answered(leg);
        } else if (s instanceof Signal.Failed f) {
            leg.handler.failed(leg, f.failure());
        } else if (s instanceof Signal.HungUp) {
            leg.gone = true;
            forget(leg);
            down(leg);
            leg.handler.hungUp(leg);
        } else if (s instanceof Signal.Digit d) {
            leg.handler.digit(leg, d.digit());
        }
    }

    // ---- connected calls

    /** Bridges the caller with the party on {@code other}; {@code draft} is the queue or group visit that led here. */
    void connect(Call call, Leg other, Connection.Draft draft, int wrapUpSeconds) {
        leaveStep(call);
        Connection c = new Connection(this, call, other, draft, wrapUpSeconds);
        call.step = c;
        other.handler = c;
        send(new Command.Bridge(tenant, call.caller.id, other.id));
        if (call.answeredAt == null) {
            call.answeredAt = now();
        }
        call.pickedUp = true;
        call.answeredBy = other.user();
        if (other.party.isUser()) {
            person(other.user()).answered++;
            call.users.add(other.user());
        }
        call.state = CallState.CONNECTED;
        call.hop(now(), "answered", Offer.label(other.party), null);
        changed(call);
    }

    /** Ends a call: stops what it was doing, hangs up every leg, writes its record. */
    void end(Call call, Disposition disposition) {
        if (call.state == CallState.ENDED) {
            return;
        }
        leaveStep(call);
        for (Leg leg : call.legs) {
            hangup(leg, "call ended");
        }
        call.state = CallState.ENDED;
        calls.remove(call.id);
        Instant ended = now();
        Disposition d = disposition == Disposition.ABANDONED && call.answeredAt != null
                ? Disposition.ANSWERED : disposition;
        Instant talkFrom = call.answeredAt;
        CallRecord record = new CallRecord(tenant, call.id, call.direction, call.from, call.to, call.startedAt,
                call.answeredAt, ended, d, call.answeredBy, call.queue,
                Duration.between(call.startedAt, talkFrom == null ? ended : talkFrom).toSeconds(),
                talkFrom == null ? 0 : Duration.between(talkFrom, ended).toSeconds(),
                List.copyOf(call.users), call.path);
        changed(call);
        listener().callEnded(record, List.copyOf(call.visits));
    }

    // ---- stop and restart

    /**
     * The switchboard stops: calls in progress end and get their CDRs; callbacks keep waiting in the
     * database, to be restored at the next start.
     */
    void stop() {
        for (Call call : List.copyOf(calls.values())) {
            if (!(call.step instanceof QueueRuntime.Entry e && e.callback)) {
                call.hop(now(), "switchboard", null, "stopped");
                end(call, Disposition.FAILED);
            }
        }
    }

    void callbackStored(String callId, long request, boolean stored) {
        Call call = calls.get(callId);
        if (call != null && call.step instanceof QueueRuntime.Entry e) {
            e.stored(request, stored);
        }
    }

    void restoreCallback(PendingCallback pending) {
        Call call = new Call(pending.call(), tenant, Direction.INBOUND, pending.number(), pending.dialled(),
                pending.startedAt());
        call.path.addAll(pending.path());
        QueueRuntime q = queues.get(pending.queue());
        calls.put(call.id, call);
        if (q == null) {
            call.hop(now(), "callback", pending.queue(), "queue no longer exists");
            listener().callbackDone(tenant, call.id);
            end(call, Disposition.FAILED);
            return;
        }
        q.restore(call, pending);
    }

    // ---- views

    int callCount() {
        return calls.size();
    }

    List<CallView> calls() {
        return calls.values().stream().map(Call::view).toList();
    }

    List<Views.Figures> queueFigures() {
        return queues.values().stream().map(QueueRuntime::figures).toList();
    }

    List<Views.Figures> groupFigures() {
        return config.groups().values().stream().map(this::figures).toList();
    }

    Views.Figures groupFigures(String groupId) {
        GroupConfig g = config.groups().get(groupId);
        if (g == null) {
            throw DomainException.notFound("answer group " + groupId);
        }
        return figures(g);
    }

    private Views.Figures figures(GroupConfig g) {
        Counters c = groupCounters(g.id());
        return new Views.Figures("group", g.id(), g.name(), 0, 0, 0, WaitColour.GREEN, g.members().size(),
                (int) g.members().stream().filter(m -> person(m.user()).free(now())).count(), c.offered,
                c.answered, c.abandoned, c.overflowed, c.serviceLevelPercent(),
                c.serviceLevelWithAbandonedPercent(), c.averageAnswerSeconds(), c.averageHandleSeconds(),
                List.of(), g.members().stream().map(GroupConfig.Member::user).toList());
    }

    List<Views.Agent> agents() {
        return config.users().values().stream().map(this::agent).toList();
    }

    Views.Agent agent(String userId) {
        return agent(user(userId));
    }

    private Views.Agent agent(UserConfig u) {
        Person p = person(u.id());
        return new Views.Agent(u.id(), u.name(), p.state(now()), p.availability, List.copyOf(p.queues), p.offered,
                p.answered, p.missed, p.answered == 0 ? null : p.talkMillis / p.answered / 1000);
    }
}
