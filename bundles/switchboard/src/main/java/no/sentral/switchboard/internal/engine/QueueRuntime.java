package no.sentral.switchboard.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Party;
import no.sentral.api.telephony.Signal.Failure;
import no.sentral.switchboard.internal.config.QueueConfig;
import no.sentral.switchboard.internal.config.Strategy;

/**
 * A live queue (SB-05, SB-07, PBX-05): callers in order of priority and arrival, the agents logged
 * in, and the dispatch that offers the head callers to free agents. Several callers near the head
 * are offered at once when several agents are free (Asterisk's "autofill").
 */
final class QueueRuntime {

    static final int DEFAULT_SERVICE_LEVEL_SECONDS = 20;
    /** A callback is tried this many times before it is given up. */
    static final int CALLBACK_ATTEMPTS = 3;
    static final Duration CALLBACK_RETRY = Duration.ofSeconds(60);
    static final Duration CALLBACK_RING = Duration.ofSeconds(30);
    /** How long a caller who asked for a callback waits for it to be saved before they are told it is unavailable. */
    static final Duration CALLBACK_SAVE_TIMEOUT = Duration.ofSeconds(4);
    /** Assumed handling time before the queue has answered a call today, for wait estimates. */
    private static final long DEFAULT_HANDLE_SECONDS = 180;
    static final Comparator<Entry> ORDER = Comparator.comparingInt((Entry e) -> -e.priority)
            .thenComparing(e -> e.enqueuedAt).thenComparingLong(e -> e.seq);

    private final Board board;
    private QueueConfig config;
    private final Hunt hunt = new Hunt();
    private final Counters counters = new Counters();
    private final TreeSet<Entry> entries = new TreeSet<>(ORDER);
    /** Agents logged in, with their login order as rank. */
    private final Map<String, Integer> agents = new LinkedHashMap<>();
    private int nextRank;
    private long seq;
    private boolean dispatching;

    QueueRuntime(Board board, QueueConfig config) {
        this.board = board;
        this.config = config;
    }

    String id() {
        return config.id();
    }

    /** The queue's new settings; agents who left the company or lost their phone are logged out. */
    void configure(QueueConfig next) {
        this.config = next;
        for (String user : List.copyOf(agents.keySet())) {
            var u = board.config.users().get(user);
            if (u == null || u.mobile() == null) {
                logout(board.person(user));
            }
        }
    }

    private Counters counters() {
        return counters.on(board.today());
    }

    private void statsChanged() {
        board.listener().statsChanged(board.tenant, Visit.Kind.QUEUE, config.id());
    }

    boolean hasWaiting() {
        return !entries.isEmpty();
    }

    /** Orders queues for an agent in several: the one whose first caller should be served first. */
    Entry headKey() {
        return entries.first();
    }

    // ---- agents

    void login(Person p) {
        if (agents.putIfAbsent(p.id, nextRank) == null) {
            nextRank++;
            p.queues.add(config.id());
            statsChanged();
            board.listener().statsChanged(board.tenant, Visit.Kind.AGENT, p.id);
            dispatch();
        }
    }

    void logout(Person p) {
        if (agents.remove(p.id) != null) {
            p.queues.remove(config.id());
            statsChanged();
            board.listener().statsChanged(board.tenant, Visit.Kind.AGENT, p.id);
            if (agents.isEmpty()) {
                for (Entry e : List.copyOf(entries)) {
                    if (!e.callback) {
                        e.overflow("no agents logged in");
                    }
                }
            }
        }
    }

    // ---- callers

    void join(Call call, int priority) {
        Counters c = counters();
        c.offered++;
        call.queue = config.id();
        Instant now = board.now();
        if (agents.isEmpty() || config.maxLength() > 0 && live() >= config.maxLength()) {
            String reason = agents.isEmpty() ? "no agents logged in" : "queue full (" + config.maxLength() + ")";
            call.hop(now, "queue", config.id(), "overflow: " + reason);
            c.overflowed++;
            board.visit(call, new Visit(Visit.Kind.QUEUE, config.id(), call.id, now, Visit.Result.OVERFLOW, 0, 0, false));
            board.routing.overflowTo(call, config.overflow());
            return;
        }
        Entry e = new Entry(call, priority, now, seq++);
        entries.add(e);
        call.step = e;
        call.state = CallState.QUEUED;
        board.answerCaller(call);
        call.hop(now, "queue", config.id(), "position " + position(e));
        e.start();
        board.changed(call);
        statsChanged();
        dispatch();
    }

    void restore(Call call, PendingCallback pending) {
        Entry e = new Entry(call, pending.priority(), pending.enqueuedAt(), pending.seq());
        seq = Math.max(seq, pending.seq() + 1);
        e.callback = true;
        e.attempts = pending.attempts();
        entries.add(e);
        call.queue = config.id();
        call.step = e;
        call.state = CallState.QUEUED;
        call.hop(board.now(), "callback", config.id(), "restored at position " + position(e));
        e.start();
        board.changed(call);
        statsChanged();
        dispatch();
    }

    private int live() {
        return (int) entries.stream().filter(e -> !e.callback).count();
    }

    int position(Entry e) {
        return entries.headSet(e).size() + 1;
    }

    /** The queue was deleted from the plan: waiting callers go to its overflow, callbacks are given up. */
    void removed() {
        agents.keySet().forEach(user -> board.person(user).queues.remove(config.id()));
        agents.clear();
        for (Entry e : List.copyOf(entries)) {
            if (e.callback) {
                e.giveUp("queue removed");
            } else {
                e.overflow("queue removed");
            }
        }
    }

    /** Offers the first waiting callers to free agents, by the queue's strategy. */
    void dispatch() {
        if (dispatching || entries.isEmpty() || agents.isEmpty()) {
            return;
        }
        dispatching = true;
        try {
            Instant now = board.now();
            List<Hunt.Candidate> free = new ArrayList<>();
            agents.forEach((user, rank) -> {
                if (board.person(user).free(now)) {
                    free.add(new Hunt.Candidate(user, rank, 0));
                }
            });
            for (Entry e : List.copyOf(entries)) {
                if (free.isEmpty()) {
                    return;
                }
                if (e.offer != null || e.agentLeg != null || e.notBefore.isAfter(now) || !entries.contains(e)) {
                    continue;
                }
                List<Hunt.Candidate> fresh = free.stream().filter(c -> !e.tried.contains(c.user())).toList();
                if (fresh.isEmpty()) {
                    e.tried.clear();
                    fresh = free;
                }
                List<Hunt.Candidate> order = hunt.order(config.strategy(), fresh, board.random());
                List<Hunt.Candidate> pick = config.strategy() == Strategy.RING_ALL ? order : order.subList(0, 1);
                hunt.rung(pick.get(pick.size() - 1));
                e.offer(pick.stream().map(Hunt.Candidate::user).toList());
                free.removeAll(pick);
            }
        } finally {
            dispatching = false;
        }
    }

    private long estimateSeconds(int position) {
        Long aht = counters().averageHandleSeconds();
        return position * (aht == null ? DEFAULT_HANDLE_SECONDS : aht) / Math.max(1, agents.size());
    }

    Views.Figures figures() {
        Instant now = board.now();
        Counters c = counters();
        List<Views.Waiting> waiting = entries.stream().map(e -> new Views.Waiting(e.call.id, e.call.from,
                position(e), e.waitSeconds(now), e.colour(now), e.priority, e.callback,
                e.offer != null || e.agentLeg != null)).toList();
        long longest = entries.stream().mapToLong(e -> e.waitSeconds(now)).max().orElse(0);
        int free = (int) agents.keySet().stream().filter(u -> board.person(u).free(now)).count();
        return new Views.Figures("queue", config.id(), config.name(), live(), entries.size() - live(), longest,
                WaitColour.of(longest, config.yellowSeconds(), config.redSeconds()), agents.size(), free,
                c.offered, c.answered, c.abandoned, c.overflowed, c.serviceLevelPercent(),
                c.serviceLevelWithAbandonedPercent(), c.averageAnswerSeconds(), c.averageHandleSeconds(),
                waiting, List.copyOf(agents.keySet()));
    }

    /** One caller in the queue, or a callback holding its place (then the caller's leg is gone). */
    final class Entry implements Call.Step, Offer.Outcome {
        final Call call;
        final int priority;
        final Instant enqueuedAt;
        final long seq;
        boolean callback;
        int attempts;
        Instant notBefore = Instant.MIN;
        Offer offer;
        /** The agent who accepted a callback while the caller's phone rings. */
        Leg agentLeg;
        final Set<String> tried = new HashSet<>();
        private final List<Timers.Timer> timers = new ArrayList<>();
        private Timers.Timer announce;
        /** The caller's wait limit: it ends with the wait, and a callback (nobody is on the line) never overflows. */
        private Timers.Timer maxWait;
        /** While the callback the caller asked for is being saved: the timer that gives up on the save. */
        private Timers.Timer saving;
        private long savingRequest;

        Entry(Call call, int priority, Instant enqueuedAt, long seq) {
            this.call = call;
            this.priority = priority;
            this.enqueuedAt = enqueuedAt;
            this.seq = seq;
        }

        /** Sets the timers of the wait indicator, the long-wait alert and, for callers on the line, max wait and announcements. */
        void start() {
            timers.add(board.timerAt(enqueuedAt.plusSeconds(config.yellowSeconds()), () ->
                    board.listener().waitLevel(board.tenant, call.id, config.id(), WaitColour.YELLOW)));
            timers.add(board.timerAt(enqueuedAt.plusSeconds(config.redSeconds()), () ->
                    board.listener().waitLevel(board.tenant, call.id, config.id(), WaitColour.RED)));
            if (config.alertSeconds() > 0) {
                timers.add(board.timerAt(enqueuedAt.plusSeconds(config.alertSeconds()), () ->
                        board.listener().longWait(board.tenant, call.id, config.id(), waitSeconds(board.now()))));
            }
            if (!callback) {
                if (config.maxWaitSeconds() > 0) {
                    maxWait = board.timerAt(enqueuedAt.plusSeconds(config.maxWaitSeconds()), () ->
                            overflow("waited " + config.maxWaitSeconds() + " s"));
                    timers.add(maxWait);
                }
                announce();
            }
        }

        private void announce() {
            int position = position(this);
            board.play(call.caller, "queue-position", Map.of("position", String.valueOf(position),
                    "waitSeconds", String.valueOf(estimateSeconds(position))));
            if (config.announceSeconds() > 0) {
                announce = board.timer(Duration.ofSeconds(config.announceSeconds()), this::announce);
            }
        }

        long waitSeconds(Instant now) {
            return Duration.between(enqueuedAt, now).toSeconds();
        }

        WaitColour colour(Instant now) {
            return WaitColour.of(waitSeconds(now), config.yellowSeconds(), config.redSeconds());
        }

        void offer(List<String> users) {
            tried.addAll(users);
            offer = Offer.ring(board, call, users.stream().map(board::partyOf).toList(),
                    Duration.ofSeconds(config.ringSeconds()), call.from, this);
        }

        /** An operator answers this caller, or assigns them to someone (SB-07), whatever the strategy. */
        void offerTo(Person p) {
            if (agentLeg != null) {
                throw no.sentral.api.failure.DomainException.conflict("call " + call.id
                        + " is a callback being connected");
            }
            if (offer != null) {
                offer.cancel();
            }
            offer(List.of(p.id));
        }

        @Override
        public void digit(char digit) {
            if (!callback && config.callbackKey() != null && config.callbackKey() == digit) {
                requestCallback();
            }
        }

        /**
         * The caller asked to be called back (PBX-05). The callback is saved first, off the engine's
         * thread; the caller stays in the queue on the line until {@link #stored} says it is durable.
         */
        private void requestCallback() {
            if (!call.from.matches("\\+[1-9][0-9]{6,14}")) {
                board.play(call.caller, "callback-unavailable", Map.of());
                return;
            }
            if (saving != null) {
                return;
            }
            long request = ++call.callbackRequests;
            savingRequest = request;
            saving = board.timer(CALLBACK_SAVE_TIMEOUT, () -> stored(request, false));
            call.hop(board.now(), "callback", config.id(), "requested at position " + position(this));
            board.listener().callbackRequested(pending(), request, board.now().plus(CALLBACK_SAVE_TIMEOUT));
        }

        /**
         * Whether the callback of {@code request} is durable. Only then does the caller hear the confirmation
         * and is let go; otherwise (a failed write, or none within {@link #CALLBACK_SAVE_TIMEOUT}) they keep
         * their place on the line and hear that callback is unavailable. An answer to a request given up
         * already changes nothing: the deletion queued when it was given up follows its write.
         */
        void stored(long request, boolean stored) {
            if (saving == null || request != savingRequest) {
                return;
            }
            Timers.cancel(saving);
            saving = null;
            if (!stored) {
                call.hop(board.now(), "callback", config.id(), "unavailable: not saved");
                board.listener().callbackDone(board.tenant, call.id);
                board.play(call.caller, "callback-unavailable", Map.of());
                return;
            }
            if (offer != null) {
                offer.cancel();
                offer = null;
                call.state = CallState.QUEUED;
            }
            callback = true;
            Timers.cancel(announce);
            Timers.cancel(maxWait);
            int position = position(this);
            call.hop(board.now(), "callback", config.id(), "saved at position " + position);
            counters().callbacks++;
            board.play(call.caller, "callback-confirmed", Map.of("position", String.valueOf(position)));
            board.hangup(call.caller, "callback requested");
            call.caller = null;
            board.changed(call);
            statsChanged();
            dispatch();
        }

        PendingCallback pending() {
            return new PendingCallback(board.tenant, call.id, config.id(), call.from, call.to, priority,
                    call.startedAt, enqueuedAt, seq, attempts, call.path);
        }

        @Override
        public void answered(Leg leg) {
            offer = null;
            if (callback) {
                callBack(leg);
                return;
            }
            connected(leg);
        }

        /** The caller talks with the agent: they leave the queue and count as answered. */
        private void connected(Leg agent) {
            leave();
            Connection.Draft draft = Answered.count(board, Visit.Kind.QUEUE, config.id(), enqueuedAt,
                    config.serviceLevelSeconds(), counters(), hunt, agent);
            statsChanged();
            board.connect(call, agent, draft, config.wrapUpSeconds());
        }

        /** The agent accepted the callback: now ring the caller, showing the number they called. */
        private void callBack(Leg agent) {
            agentLeg = agent;
            agent.handler = gone -> {
                agentLeg = null;
                call.hop(board.now(), "callback", gone.user(), "agent hung up before the caller answered");
                if (offer != null) {
                    offer.cancel();
                    offer = null;
                }
                waitAgain();
            };
            attempts++;
            call.hop(board.now(), "callback", agent.user(), "calling " + call.from + ", attempt " + attempts);
            board.play(agent, "callback-connecting", Map.of("number", call.from));
            offer = Offer.ring(board, call, List.of(Party.number(call.from)), CALLBACK_RING, call.to,
                    new Offer.Outcome() {
                        @Override
                        public void answered(Leg caller) {
                            offer = null;
                            call.caller = caller;
                            call.pickedUp = true;
                            caller.handler = board.callerHandler();
                            board.listener().callbackDone(board.tenant, call.id);
                            Leg a = agentLeg;
                            agentLeg = null;
                            connected(a);
                        }

                        @Override
                        public void unanswered(Failure why) {
                            offer = null;
                            board.hangup(agentLeg, "callback not answered");
                            agentLeg = null;
                            if (attempts >= CALLBACK_ATTEMPTS) {
                                giveUp("not answered " + attempts + " times");
                                return;
                            }
                            notBefore = board.now().plus(CALLBACK_RETRY);
                            board.listener().callbackSaved(pending());
                            timers.add(board.timerAt(notBefore, QueueRuntime.this::dispatch));
                            waitAgain();
                        }
                    });
        }

        void giveUp(String reason) {
            leave();
            call.hop(board.now(), "callback", config.id(), "given up: " + reason);
            board.visit(call, new Visit(Visit.Kind.QUEUE, config.id(), call.id, enqueuedAt,
                    Visit.Result.CALLBACK_FAILED, Duration.between(enqueuedAt, board.now()).toMillis(), 0, false));
            board.listener().callbackDone(board.tenant, call.id);
            board.end(call, Disposition.NO_ANSWER);
        }

        @Override
        public void unanswered(Failure why) {
            offer = null;
            waitAgain();
        }

        /**
         * Nobody rings for this entry any more: it waits in its place again, and operators see it as queued
         * (a callback waiting for its retry had stayed "offered" for a minute).
         */
        private void waitAgain() {
            call.state = CallState.QUEUED;
            board.changed(call);
            dispatch();
        }

        void overflow(String reason) {
            leave();
            counters().overflowed++;
            call.hop(board.now(), "queue", config.id(), "overflow: " + reason);
            board.visit(call, new Visit(Visit.Kind.QUEUE, config.id(), call.id, enqueuedAt, Visit.Result.OVERFLOW,
                    Duration.between(enqueuedAt, board.now()).toMillis(), 0, false));
            statsChanged();
            board.routing.overflowTo(call, config.overflow());
        }

        @Override
        public void leave() {
            if (!entries.remove(this)) {
                return;
            }
            timers.forEach(Timers::cancel);
            Timers.cancel(announce);
            if (saving != null) {
                // The call moves on while its callback is being saved: whatever the write leaves is removed.
                Timers.cancel(saving);
                saving = null;
                board.listener().callbackDone(board.tenant, call.id);
            }
            if (offer != null) {
                offer.cancel();
                offer = null;
            }
            board.hangup(agentLeg, "callback withdrawn");
            agentLeg = null;
            statsChanged();
        }

        @Override
        public Disposition callerGone() {
            leave();
            long wait = Duration.between(enqueuedAt, board.now()).toMillis();
            counters().abandoned++;
            board.visit(call, new Visit(Visit.Kind.QUEUE, config.id(), call.id, enqueuedAt, Visit.Result.ABANDONED,
                    wait, 0, wait <= config.serviceLevelSeconds() * 1000L));
            statsChanged();
            return Disposition.ABANDONED;
        }
    }
}
