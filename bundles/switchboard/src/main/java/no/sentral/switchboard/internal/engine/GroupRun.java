package no.sentral.switchboard.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Signal.Failure;
import no.sentral.switchboard.internal.config.GroupConfig;
import no.sentral.switchboard.internal.config.Strategy;
import no.sentral.switchboard.internal.config.UserConfig;

/** One call hunting through an answer group (PBX-04) until a member answers or the total time runs out. */
final class GroupRun implements Call.Step, Offer.Outcome {

    private final Board board;
    private final Call call;
    private final GroupConfig group;
    private final Hunt hunt;
    private final Instant entered;
    private final Set<String> tried = new LinkedHashSet<>();
    private final Timers.Timer total;
    private Offer offer;

    private GroupRun(Board board, Call call, GroupConfig group) {
        this.board = board;
        this.call = call;
        this.group = group;
        this.entered = board.now();
        this.hunt = board.groupHunt(group.id());
        this.total = group.totalSeconds() > 0
                ? board.timer(Duration.ofSeconds(group.totalSeconds()), () -> overflow("no answer in "
                + group.totalSeconds() + " s")) : null;
        call.step = this;
    }

    static void start(Board board, Call call, GroupConfig group) {
        call.hop(board.now(), "group", group.id(), null);
        board.groupCounters(group.id()).offered++;
        new GroupRun(board, call, group).next();
    }

    private void next() {
        List<Hunt.Candidate> free = free();
        if (free.isEmpty() && !tried.isEmpty() && total != null) {
            tried.clear();
            free = free();
        }
        if (free.isEmpty()) {
            overflow(tried.isEmpty() ? "nobody free" : "nobody answered");
            return;
        }
        List<Hunt.Candidate> order = hunt.order(group.strategy(), free, board.random());
        List<Hunt.Candidate> now = group.strategy() == Strategy.RING_ALL ? order : order.subList(0, 1);
        now.forEach(c -> tried.add(c.user()));
        hunt.rung(now.get(now.size() - 1));
        int seconds = now.size() == 1 && group.members().get(now.get(0).rank()).ringSeconds() > 0
                ? group.members().get(now.get(0).rank()).ringSeconds() : group.ringSeconds();
        offer = Offer.ring(board, call, now.stream().map(c -> board.partyOf(c.user())).toList(),
                Duration.ofSeconds(seconds), call.from, this);
    }

    private List<Hunt.Candidate> free() {
        List<Hunt.Candidate> free = new ArrayList<>();
        Instant at = board.now();
        for (int i = 0; i < group.members().size(); i++) {
            GroupConfig.Member m = group.members().get(i);
            UserConfig u = board.config.users().get(m.user());
            if (u != null && u.mobile() != null && !tried.contains(m.user()) && board.person(m.user()).free(at)) {
                free.add(new Hunt.Candidate(m.user(), i, m.penalty()));
            }
        }
        return free;
    }

    @Override
    public void answered(Leg leg) {
        Timers.cancel(total);
        board.connect(call, leg, Answered.count(board, Visit.Kind.GROUP, group.id(), entered,
                QueueRuntime.DEFAULT_SERVICE_LEVEL_SECONDS, board.groupCounters(group.id()), hunt, leg), 0);
    }

    @Override
    public void unanswered(Failure why) {
        offer = null;
        next();
    }

    private void overflow(String reason) {
        leave();
        board.groupCounters(group.id()).overflowed++;
        board.visit(call, new Visit(Visit.Kind.GROUP, group.id(), call.id, entered, Visit.Result.OVERFLOW,
                Duration.between(entered, board.now()).toMillis(), 0, false));
        call.hop(board.now(), "group", group.id(), "overflow: " + reason);
        board.routing.overflowTo(call, group.overflow());
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
        board.groupCounters(group.id()).abandoned++;
        board.visit(call, new Visit(Visit.Kind.GROUP, group.id(), call.id, entered, Visit.Result.ABANDONED,
                Duration.between(entered, board.now()).toMillis(), 0, false));
        return Disposition.ABANDONED;
    }
}
