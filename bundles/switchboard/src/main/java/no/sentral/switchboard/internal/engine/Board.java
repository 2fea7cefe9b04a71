package no.sentral.switchboard.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import no.sentral.api.failure.DomainException;
import no.sentral.api.telephony.CallRecord;
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
import no.sentral.switchboard.internal.config.SwitchboardConfig;
import no.sentral.switchboard.internal.config.TimeSwitch;
import no.sentral.switchboard.internal.config.UserConfig;
import no.sentral.switchboard.internal.schedule.Schedule;

/**
 * One company's live switchboard: its calls, people, queues and conference rooms, and the routing
 * that moves calls between them. Driven by {@link Engine} on one thread.
 */
final class Board {

    /** More routing steps than any sane plan needs: a loop the validator could not see (it changes at run time). */
    static final int MAX_ROUTING_STEPS = 30;
    /** A personal conference room holds at most 30 people (PBX-13, APP-10). */
    static final int ROOM_SIZE = 30;
    private static final Duration OUTSIDE_RING = Duration.ofSeconds(60);
    private static final Duration PIN_WAIT = Duration.ofSeconds(10);
    private static final int PIN_TRIES = 3;

    private final Engine engine;
    final String tenant;
    SwitchboardConfig config = SwitchboardConfig.empty();
    private final Map<String, Call> calls = new LinkedHashMap<>();
    private final Map<String, Leg> legs = new HashMap<>();
    private final Map<String, Person> persons = new HashMap<>();
    private final Map<String, QueueRuntime> queues = new LinkedHashMap<>();
    private final Map<String, Hunt> groupHunts = new HashMap<>();
    private final Map<String, Counters> groupCounters = new HashMap<>();
    private final Map<String, Set<Leg>> rooms = new HashMap<>();
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

    Leg newLeg(Call call, Party party, Leg.Handler handler) {
        return addLeg(engine.newId(), call, party, handler);
    }

    private Leg addLeg(String id, Call call, Party party, Leg.Handler handler) {
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

    private void up(Leg leg) {
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

    // ---- signals

    void signal(Signal s) {
        if (s instanceof Signal.Inbound i) {
            inbound(i);
            return;
        }
        if (s instanceof Signal.Outbound o) {
            outbound(o);
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

    private Call newCall(String id, Direction direction, String from, String to) {
        Call call = new Call(id, tenant, direction, from, to, now());
        calls.put(call.id, call);
        return call;
    }

    private void inbound(Signal.Inbound s) {
        String from = Barring.normalise(s.from());
        String to = Barring.normalise(s.to());
        Optional<UserConfig> colleague = config.userByNumber(from);
        Call call = newCall(engine.newId(), colleague.isPresent() ? Direction.INTERNAL : Direction.INBOUND, from, to);
        call.caller = addLeg(s.leg(), call, new Party(colleague.map(UserConfig::id).orElse(null), from), callerHandler);
        up(call.caller);
        colleague.ifPresent(u -> call.users.add(u.id()));
        changed(call);
        NumberEntry entry = config.numbers().get(to);
        if (entry == null) {
            unknownNumber(call, to);
            return;
        }
        routeNumber(call, entry);
    }

    private void unknownNumber(Call call, String number) {
        call.hop(now(), "number", number, "not in use");
        answerCaller(call);
        play(call.caller, "number-unknown", Map.of());
        end(call, Disposition.UNKNOWN_NUMBER);
    }

    /** A number of the plan; external numbers first pass the company-wide time switch, if there is one. */
    private void routeNumber(Call call, NumberEntry entry) {
        call.hop(now(), "number", entry.number(), entry.main() ? "main number" : null);
        TimeSwitch company = entry.external() && config.companySwitch() != null
                ? config.switches().get(config.companySwitch()) : null;
        if (company != null) {
            routeByTime(call, company, entry.destination());
        } else {
            route(call, entry.destination());
        }
    }

    private void outbound(Signal.Outbound s) {
        UserConfig user = config.users().get(s.user());
        if (user == null) {
            send(new Command.Hangup(tenant, s.leg(), "unknown user " + s.user()));
            return;
        }
        String to = Barring.normalise(s.to());
        boolean internal = config.numbers().containsKey(to) || config.userByNumber(to).isPresent();
        Call call = newCall(engine.newId(), internal ? Direction.INTERNAL : Direction.OUTBOUND, user.mobile(), to);
        call.caller = addLeg(s.leg(), call, Party.user(user.id(), user.mobile()), callerHandler);
        call.pickedUp = true;
        up(call.caller);
        call.users.add(user.id());
        changed(call);
        dial(call, user, to);
    }

    /** Where a number an employee dials goes: barring first, then the plan, a colleague, or outside. */
    private void dial(Call call, UserConfig user, String to) {
        Optional<String> barred = Barring.check(user, to);
        if (barred.isPresent()) {
            call.hop(now(), "barred", to, barred.get());
            play(call.caller, "call-barred", Map.of("reason", barred.get()));
            end(call, Disposition.BARRED);
            return;
        }
        NumberEntry entry = config.numbers().get(to);
        if (entry != null) {
            routeNumber(call, entry);
        } else if (config.userByNumber(to).isPresent()) {
            route(call, Destination.of(Destination.Type.USER, config.userByNumber(to).get().id()));
        } else if (to.startsWith("+")) {
            route(call, Destination.of(Destination.Type.EXTERNAL, to));
        } else {
            unknownNumber(call, to);
        }
    }

    // ---- routing

    void route(Call call, Destination d) {
        leaveStep(call);
        if (call.state == CallState.ENDED) {
            return;
        }
        if (++call.routed > MAX_ROUTING_STEPS) {
            call.hop(now(), "routing", d.toString(), "stopped after " + MAX_ROUTING_STEPS + " steps");
            end(call, Disposition.FAILED);
            return;
        }
        switch (d.type()) {
            case USER -> routeUser(call, d.target());
            case GROUP -> startGroup(call, d.target());
            case QUEUE -> {
                QueueRuntime q = queues.get(d.target());
                if (q == null) {
                    missing(call, d);
                } else {
                    q.join(call, d.priority());
                }
            }
            case MENU -> startMenu(call, d.target());
            case SWITCH -> {
                TimeSwitch sw = config.switches().get(d.target());
                if (sw == null) {
                    missing(call, d);
                } else {
                    routeByTime(call, sw, sw.open());
                }
            }
            case VOICEMAIL -> voicemail(call, d.target());
            case EXTERNAL -> ringOutside(call, d.target());
            case CONFERENCE -> startConference(call, d.target());
            case HANGUP -> {
                call.hop(now(), "hangup", null, null);
                end(call, Disposition.REFUSED);
            }
        }
    }

    private void missing(Call call, Destination d) {
        call.hop(now(), "routing", d.toString(), "no longer exists");
        end(call, Disposition.FAILED);
    }

    private void leaveStep(Call call) {
        Call.Step step = call.step;
        call.step = null;
        if (step != null) {
            step.leave();
        }
    }

    private void routeByTime(Call call, TimeSwitch sw, Destination whenOpen) {
        Schedule schedule = config.schedules().get(sw.schedule());
        Schedule.Status status = schedule.statusAt(now());
        call.hop(now(), "schedule", sw.id(), status.state().name().toLowerCase() + ": " + status.reason());
        Destination next = switch (status.state()) {
            case OPEN -> whenOpen;
            case HOLIDAY -> sw.holiday() != null ? sw.holiday() : sw.closed();
            case CLOSED -> sw.closed();
        };
        route(call, next);
    }

    private void routeUser(Call call, String userId) {
        UserConfig user = config.users().get(userId);
        if (user == null) {
            missing(call, Destination.of(Destination.Type.USER, userId));
            return;
        }
        Person p = person(userId);
        call.users.add(userId);
        if (p.availability != Availability.AVAILABLE) {
            Destination forward = user.forward().get(UserConfig.key(p.availability));
            if (forward != null) {
                call.hop(now(), "user", userId, "forwarded: " + UserConfig.key(p.availability));
                route(call, forward);
                return;
            }
        }
        if (p.onCall()) {
            call.hop(now(), "user", userId, "on the phone");
            route(call, user.forward().getOrDefault(UserConfig.IN_CALL, voicemailOf(userId)));
            return;
        }
        if (user.mobile() == null) {
            route(call, voicemailOf(userId));
            return;
        }
        ring(call, List.of(Party.user(userId, user.mobile())), Duration.ofSeconds(user.ringSeconds()), why -> {
            call.hop(now(), "user", userId, why == Failure.BUSY ? "busy" : "no answer");
            route(call, user.forward().getOrDefault(UserConfig.NO_ANSWER, voicemailOf(userId)));
        });
    }

    private static Destination voicemailOf(String user) {
        return Destination.of(Destination.Type.VOICEMAIL, user);
    }

    /** Rings parties as the call's step; the first to answer talks with the caller. */
    private void ring(Call call, List<Party> parties, Duration ringTime, java.util.function.Consumer<Failure> unanswered) {
        ringAsStep(call, parties, ringTime, call.from, new Offer.Outcome() {
            @Override
            public void answered(Leg leg) {
                connect(call, leg, null, 0);
            }

            @Override
            public void unanswered(Failure why) {
                unanswered.accept(why);
            }
        });
    }

    /** Rings parties as the call's step: leaving the step (caller gone, call routed on) stops the ringing. */
    private void ringAsStep(Call call, List<Party> parties, Duration ringTime, String callerId, Offer.Outcome outcome) {
        Offer[] offer = new Offer[1];
        call.step = new Call.Step() {
            @Override
            public void leave() {
                offer[0].cancel();
            }
        };
        offer[0] = Offer.ring(this, call, parties, ringTime, callerId, outcome);
    }

    private void ringOutside(Call call, String number) {
        call.hop(now(), "external", number, null);
        ring(call, List.of(Party.number(number)), OUTSIDE_RING, why -> {
            call.hop(now(), "external", number, why.name().toLowerCase().replace('_', ' '));
            end(call, why == Failure.BUSY ? Disposition.BUSY : Disposition.NO_ANSWER);
        });
    }

    private void voicemail(Call call, String user) {
        call.hop(now(), "voicemail", user, null);
        call.users.add(user);
        call.state = CallState.IN_IVR;
        call.pickedUp = true;
        send(new Command.Voicemail(tenant, call.caller.id, user));
        call.step = new Call.Step() {
            @Override
            public Disposition callerGone() {
                return Disposition.VOICEMAIL;
            }
        };
        changed(call);
    }

    // ---- IVR (PBX-03)

    private void startMenu(Call call, String menuId) {
        MenuConfig menu = config.menus().get(menuId);
        if (menu == null) {
            missing(call, Destination.of(Destination.Type.MENU, menuId));
            return;
        }
        call.hop(now(), "menu", menu.id(), null);
        call.state = CallState.IN_IVR;
        answerCaller(call);
        call.step = new Call.Step() {
            private int invalid;
            private Timers.Timer timeout = prompt();

            private Timers.Timer prompt() {
                play(call.caller, menu.prompt(), Map.of());
                return timer(Duration.ofSeconds(menu.timeoutSeconds()), () -> {
                    call.hop(now(), "menu", menu.id(), "no choice");
                    route(call, menu.fallback());
                });
            }

            @Override
            public void digit(char digit) {
                String key = String.valueOf(digit);
                Destination chosen = menu.options().get(key);
                if (chosen != null) {
                    call.hop(now(), "menu", menu.id(), "pressed " + key);
                    route(call, chosen);
                    return;
                }
                Timers.cancel(timeout);
                if (++invalid >= menu.maxInvalid()) {
                    call.hop(now(), "menu", menu.id(), "pressed " + key + ", too many wrong keys");
                    route(call, menu.fallback());
                    return;
                }
                call.hop(now(), "menu", menu.id(), "pressed " + key + ", not a choice");
                play(call.caller, menu.invalidPrompt(), Map.of());
                timeout = prompt();
            }

            @Override
            public void leave() {
                Timers.cancel(timeout);
            }
        };
        changed(call);
    }

    // ---- answer groups (PBX-04)

    private void startGroup(Call call, String groupId) {
        GroupConfig group = config.groups().get(groupId);
        if (group == null) {
            missing(call, Destination.of(Destination.Type.GROUP, groupId));
            return;
        }
        call.hop(now(), "group", group.id(), null);
        groupCounters(group.id()).offered++;
        new GroupRun(call, group).next();
    }

    /** One call hunting through an answer group until a member answers or the total time runs out. */
    private final class GroupRun implements Call.Step, Offer.Outcome {
        private final Call call;
        private final GroupConfig group;
        private final Hunt hunt;
        private final Instant entered = now();
        private final Set<String> tried = new LinkedHashSet<>();
        private final Timers.Timer total;
        private Offer offer;

        GroupRun(Call call, GroupConfig group) {
            this.call = call;
            this.group = group;
            this.hunt = groupHunts.computeIfAbsent(group.id(), g -> new Hunt());
            this.total = group.totalSeconds() > 0
                    ? timer(Duration.ofSeconds(group.totalSeconds()), () -> overflow("no answer in "
                    + group.totalSeconds() + " s")) : null;
            call.step = this;
        }

        void next() {
            List<Hunt.Candidate> free = free();
            if (free.isEmpty() && !tried.isEmpty() && total != null) {
                tried.clear();
                free = free();
            }
            if (free.isEmpty()) {
                overflow(tried.isEmpty() ? "nobody free" : "nobody answered");
                return;
            }
            List<Hunt.Candidate> order = hunt.order(group.strategy(), free, random());
            List<Hunt.Candidate> now = group.strategy() == no.sentral.switchboard.internal.config.Strategy.RING_ALL
                    ? order : order.subList(0, 1);
            now.forEach(c -> tried.add(c.user()));
            hunt.rung(now.get(now.size() - 1));
            int seconds = now.size() == 1 && group.members().get(now.get(0).rank()).ringSeconds() > 0
                    ? group.members().get(now.get(0).rank()).ringSeconds() : group.ringSeconds();
            offer = Offer.ring(Board.this, call, now.stream().map(c -> partyOf(c.user())).toList(),
                    Duration.ofSeconds(seconds), call.from, this);
        }

        private List<Hunt.Candidate> free() {
            List<Hunt.Candidate> free = new ArrayList<>();
            Instant at = now();
            for (int i = 0; i < group.members().size(); i++) {
                GroupConfig.Member m = group.members().get(i);
                UserConfig u = config.users().get(m.user());
                if (u != null && u.mobile() != null && !tried.contains(m.user()) && person(m.user()).free(at)) {
                    free.add(new Hunt.Candidate(m.user(), i, m.penalty()));
                }
            }
            return free;
        }

        @Override
        public void answered(Leg leg) {
            Timers.cancel(total);
            long wait = Duration.between(entered, now()).toMillis();
            Counters c = groupCounters(group.id());
            c.answered++;
            c.waitMillisAnswered += wait;
            boolean within = wait <= QueueRuntime.DEFAULT_SERVICE_LEVEL_SECONDS * 1000L;
            if (within) {
                c.answeredWithinServiceLevel++;
            }
            hunt.answered(leg.user(), now());
            connect(call, leg, new Connection.Draft(Visit.Kind.GROUP, group.id(), entered, wait, within, c), 0);
        }

        @Override
        public void unanswered(Failure why) {
            offer = null;
            next();
        }

        private void overflow(String reason) {
            leave();
            groupCounters(group.id()).overflowed++;
            visit(call, new Visit(Visit.Kind.GROUP, group.id(), call.id, entered, Visit.Result.OVERFLOW,
                    Duration.between(entered, now()).toMillis(), 0, false));
            call.hop(now(), "group", group.id(), "overflow: " + reason);
            overflowTo(call, group.overflow());
        }

        @Override
        public void leave() {
            Timers.cancel(total);
            if (offer != null) {
                offer.cancel();
                offer = null;
            }
        }

        @Override
        public Disposition callerGone() {
            leave();
            groupCounters(group.id()).abandoned++;
            visit(call, new Visit(Visit.Kind.GROUP, group.id(), call.id, entered, Visit.Result.ABANDONED,
                    Duration.between(entered, now()).toMillis(), 0, false));
            return Disposition.ABANDONED;
        }
    }

    Party partyOf(String user) {
        return Party.user(user, config.users().get(user).mobile());
    }

    /** Where a group or queue sends a call it cannot serve; without an overflow the caller hears so and the call ends. */
    void overflowTo(Call call, Destination overflow) {
        if (overflow != null) {
            route(call, overflow);
        } else {
            play(call.caller, "nobody-available", Map.of());
            end(call, Disposition.NO_ANSWER);
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

    // ---- conferences (PBX-13, APP-10)

    private void startConference(Call call, String owner) {
        UserConfig user = config.users().get(owner);
        if (user == null || user.conferencePin() == null) {
            missing(call, Destination.of(Destination.Type.CONFERENCE, owner));
            return;
        }
        call.state = CallState.IN_IVR;
        answerCaller(call);
        call.step = new Call.Step() {
            private final StringBuilder digits = new StringBuilder();
            private int tries;
            private Timers.Timer wait = ask("conference-pin");
            private Leg joined;

            private Timers.Timer ask(String prompt) {
                play(call.caller, prompt, Map.of());
                return timer(PIN_WAIT, this::submit);
            }

            @Override
            public void digit(char digit) {
                if (joined != null) {
                    return;
                }
                if (digit == '#') {
                    submit();
                } else {
                    digits.append(digit);
                }
            }

            private void submit() {
                Timers.cancel(wait);
                if (user.conferencePin().contentEquals(digits)) {
                    join();
                    return;
                }
                digits.setLength(0);
                if (++tries >= PIN_TRIES) {
                    call.hop(now(), "conference", owner, "wrong PIN " + tries + " times");
                    play(call.caller, "conference-pin-wrong", Map.of());
                    end(call, Disposition.REFUSED);
                } else {
                    wait = ask("conference-pin-wrong");
                }
            }

            private void join() {
                Set<Leg> room = rooms.computeIfAbsent(owner, o -> new LinkedHashSet<>());
                if (room.size() >= ROOM_SIZE) {
                    call.hop(now(), "conference", owner, "full: " + ROOM_SIZE + " participants");
                    play(call.caller, "conference-full", Map.of("max", String.valueOf(ROOM_SIZE)));
                    end(call, Disposition.REFUSED);
                    return;
                }
                joined = call.caller;
                room.add(joined);
                send(new Command.Conference(tenant, joined.id, "room-" + owner));
                call.state = CallState.CONNECTED;
                call.answeredAt = now();
                call.users.add(owner);
                call.hop(now(), "conference", owner, "joined; " + room.size() + " in the room");
                changed(call);
            }

            @Override
            public void leave() {
                Timers.cancel(wait);
                if (joined != null) {
                    rooms.get(owner).remove(joined);
                }
            }

            @Override
            public Disposition callerGone() {
                leave();
                return joined != null ? Disposition.CONFERENCE : Disposition.ABANDONED;
            }
        };
        changed(call);
    }

    int roomSize(String owner) {
        Set<Leg> room = rooms.get(owner);
        return room == null ? 0 : room.size();
    }

    // ---- operator and user actions (SB-05, SB-07, PBX-14, APP-03)

    Call call(String id) {
        Call call = calls.get(id);
        if (call == null) {
            throw DomainException.notFound("call " + id + " (it has ended or is not in this company)");
        }
        return call;
    }

    UserConfig user(String id) {
        return config.user(id).orElseThrow(() -> DomainException.notFound("user " + id));
    }

    void setAvailability(String userId, Availability availability) {
        user(userId);
        Person p = person(userId);
        p.availability = availability;
        listener().statsChanged(tenant, Visit.Kind.AGENT, userId);
        if (availability == Availability.AVAILABLE) {
            dispatchFor(p);
        }
    }

    void login(String queueId, String userId) {
        UserConfig user = user(userId);
        if (user.mobile() == null) {
            throw DomainException.invalid("user", "user " + userId + " has no phone to take calls on");
        }
        queue(queueId).login(person(userId));
    }

    void logout(String queueId, String userId) {
        user(userId);
        queue(queueId).logout(person(userId));
    }

    /** Click to dial (PBX-14): ring the employee's own phone first, then connect them to the number. */
    Call clickToDial(String userId, String target) {
        UserConfig user = user(userId);
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
        Call call = newCall(engine.newId(), Direction.CLICK_TO_DIAL, user.mobile(), to);
        call.hop(now(), "click-to-dial", userId, to);
        ringAsStep(call, List.of(Party.user(userId, user.mobile())), Duration.ofSeconds(user.ringSeconds()), to,
                new Offer.Outcome() {
                    @Override
                    public void answered(Leg leg) {
                        call.step = null;
                        call.caller = leg;
                        call.pickedUp = true;
                        leg.handler = callerHandler;
                        call.hop(now(), "answered", userId, "own phone");
                        dial(call, user, to);
                    }

                    @Override
                    public void unanswered(Failure why) {
                        end(call, Disposition.NO_ANSWER);
                    }
                });
        return call;
    }

    /** Blind transfer of a connected call: the one who answered leaves, the caller goes on to {@code to}. */
    void transfer(String callId, Destination to) {
        Call call = call(callId);
        Connection c = connection(call);
        c.transfer(to);
    }

    /** Attended transfer, first half: the caller waits on hold while the one who answered asks {@code to}. */
    void consult(String callId, Destination to) {
        Connection c = connection(call(callId));
        if (to.type() != Destination.Type.USER && to.type() != Destination.Type.EXTERNAL) {
            throw DomainException.invalid("to", "an attended transfer goes to a person or a number");
        }
        c.consult(to.type() == Destination.Type.USER ? partyOf(user(to.target()).id()) : Party.number(to.target()));
    }

    void completeTransfer(String callId) {
        connection(call(callId)).completeTransfer();
    }

    void cancelTransfer(String callId) {
        connection(call(callId)).cancelTransfer();
    }

    /** Parks a connected call on hold; the operator is free, and anyone may pick it up (SB-05). */
    void hold(String callId) {
        Call call = call(callId);
        connection(call).hold();
    }

    /** An operator or a colleague takes a waiting or held call: it rings them, and stays where it was if they do not answer. */
    void take(String callId, String userId) {
        Call call = call(callId);
        user(userId);
        Person p = person(userId);
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
