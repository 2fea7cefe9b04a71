package no.sentral.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import no.sentral.api.telephony.CallRecord;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Signal;
import no.sentral.api.testing.ManualClock;
import no.sentral.switchboard.internal.config.Destination;
import no.sentral.switchboard.internal.config.GroupConfig;
import no.sentral.switchboard.internal.config.NumberEntry;
import no.sentral.switchboard.internal.config.QueueConfig;
import no.sentral.switchboard.internal.config.Strategy;
import no.sentral.switchboard.internal.config.SwitchboardConfig;
import no.sentral.switchboard.internal.config.UserConfig;
import no.sentral.switchboard.internal.engine.Engine;
import no.sentral.switchboard.internal.engine.EngineListener;
import no.sentral.switchboard.internal.engine.Visit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Call signals per second through the switchboard's call-control engine alone (JMH, one thread),
 * next to a "dispatch floor" measured in the same run: per signal only a HashMap lookup and an
 * ArrayDeque enqueue/dequeue, the least any dispatcher does.
 *
 * <p>100 companies of 20 users; each has a main number to a queue (RR_MEMORY, all 20 logged in,
 * 10 s wrap-up) and a second number to an answer group (RING_ALL of 5). One invocation plays one
 * whole call as the network would: Inbound, Answered on a leg the engine just rang, HungUp by the
 * caller — 3 signals, so with {@code @OperationsPerInvocation(3)} the JMH score is signals/s.
 * Companies take turns; every fourth round of them calls the group instead of the queue.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgs = "-Xmx512m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineSignals {

    static final int COMPANIES = 100;
    static final int USERS = 20;
    static final int GROUP_SIZE = 5;
    static final int SIGNALS_PER_CALL = 3;
    static final double TARGET = 200_000;

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration TWO_SECONDS = Duration.ofSeconds(2);
    private ManualClock clock;
    private Engine engine;
    private Listener listener;
    /** The commands of the signal being played; cleared per call, so no per-call lists or lookups. */
    private final ArrayList<Command> sent = new ArrayList<>();
    private String[] tenants;
    /** Per company: [0] a call to the main number (queue), [1] to the group number; immutable, reused. */
    private Signal.Inbound[][] inbound;
    private Signal.HungUp[] callerHangsUp;
    private long calls;
    /** Calls played by {@link #engine} (the floor shares this state class but not its counts). */
    private long played;

    private Map<String, FloorBoard> floorBoards;
    private final ArrayDeque<Object> floorQueue = new ArrayDeque<>();
    private String[] agentLegs;

    @Setup
    public void setUp() {
        clock = new ManualClock(Instant.parse("2026-11-25T08:00:00Z"));
        listener = new Listener();
        engine = new Engine(clock, new SplittableRandom(7), sent::add, listener);
        tenants = new String[COMPANIES];
        inbound = new Signal.Inbound[COMPANIES][];
        callerHangsUp = new Signal.HungUp[COMPANIES];
        agentLegs = new String[COMPANIES];
        floorBoards = new HashMap<>();
        for (int c = 0; c < COMPANIES; c++) {
            String tenant = "company-" + c;
            tenants[c] = tenant;
            engine.configure(tenant, config(c), 1);
            for (int u = 1; u <= USERS; u++) {
                engine.login(tenant, "main", "u" + u);
            }
            // One call at a time per company ends before its next, so the caller's leg name can be reused.
            String leg = "in-" + c;
            String caller = String.format("+4741%06d", c);
            inbound[c] = new Signal.Inbound[] {new Signal.Inbound(tenant, leg, caller, mainNumber(c)),
                    new Signal.Inbound(tenant, leg, caller, groupNumber(c))};
            callerHangsUp[c] = new Signal.HungUp(tenant, leg);
            agentLegs[c] = "agent-" + c;
            floorBoards.put(tenant, new FloorBoard());
        }
        sent.clear();
    }

    private static String mainNumber(int c) {
        return String.format("+47220%05d", c);
    }

    private static String groupNumber(int c) {
        return String.format("+47230%05d", c);
    }

    private static SwitchboardConfig config(int c) {
        List<UserConfig> users = new ArrayList<>();
        List<GroupConfig.Member> members = new ArrayList<>();
        for (int u = 1; u <= USERS; u++) {
            users.add(new UserConfig("u" + u, "User " + u, "u" + u, String.format("+479%03d%04d", c, u), 20,
                    Map.of(), null, List.of(), List.of()));
            if (u > USERS - GROUP_SIZE) {
                members.add(new GroupConfig.Member("u" + u, 0, 0));
            }
        }
        QueueConfig queue = new QueueConfig("main", "Main", Strategy.RR_MEMORY, 15, 10, 0, 0, null, 20, 30, 90,
                0, 0, '1');
        GroupConfig group = new GroupConfig("sales", "Sales", Strategy.RING_ALL, members, 20, 0, null);
        List<NumberEntry> numbers = List.of(
                new NumberEntry(mainNumber(c), Destination.of(Destination.Type.QUEUE, "main"), true),
                new NumberEntry(groupNumber(c), Destination.of(Destination.Type.GROUP, "sales"), false));
        return new SwitchboardConfig(users, numbers, List.of(group), List.of(queue), List.of(), List.of(),
                List.of(), null);
    }

    /** One call: the caller dials in, an agent the engine rang answers after 1 s, the caller hangs up 2 s later. */
    @Benchmark
    @OperationsPerInvocation(SIGNALS_PER_CALL)
    public void engine() {
        int c = (int) (calls % COMPANIES);
        boolean group = (calls / COMPANIES) % 4 == 3;
        calls++;
        played++;
        sent.clear();
        engine.signal(inbound[c][group ? 1 : 0]);
        String rung = ringIn(sent, (int) (calls % GROUP_SIZE));
        pass(ONE_SECOND);
        sent.clear();
        engine.signal(new Signal.Answered(tenants[c], rung));
        pass(TWO_SECONDS);
        sent.clear();
        engine.signal(callerHangsUp[c]);
    }

    /** The leg of the n-th Ring among the commands (the first when fewer): for ring-all, any member may answer. */
    private static String ringIn(List<Command> commands, int n) {
        String first = null;
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i) instanceof Command.Ring r) {
                if (first == null) {
                    first = r.leg();
                }
                if (n-- == 0) {
                    return r.leg();
                }
            }
        }
        if (first == null) {
            throw new IllegalStateException("the engine rang nobody: " + commands);
        }
        return first;
    }

    /** As the host does: move time on and let the engine fire its due timers (ring timeouts, wrap-up). */
    private void pass(Duration by) {
        clock.advance(by);
        engine.advance();
    }

    /**
     * The peer: the same 3 signals of a call, each found by company (and leg) in hash maps and passed on
     * through a queue — Inbound registers the caller's and the agent's legs, Answered finds the agent's,
     * HungUp removes both.
     */
    @Benchmark
    @OperationsPerInvocation(SIGNALS_PER_CALL)
    public void floor(Blackhole bh) {
        int c = (int) (calls % COMPANIES);
        calls++;
        Signal.Inbound in = inbound[c][0];
        FloorBoard b = floorBoards.get(in.tenant());
        b.legs.put(in.leg(), in);
        b.legs.put(agentLegs[c], in);
        bh.consume(relay(in));
        b = floorBoards.get(tenants[c]);
        bh.consume(relay(b.legs.get(agentLegs[c])));
        Signal.HungUp up = callerHangsUp[c];
        b = floorBoards.get(up.tenant());
        b.legs.remove(agentLegs[c]);
        bh.consume(relay(b.legs.remove(up.leg())));
    }

    private Object relay(Object o) {
        floorQueue.addLast(o);
        return floorQueue.pollFirst();
    }

    /** Every call must have been answered and ended normally, or the figure would measure something else. */
    @TearDown
    public void check() {
        if (listener.ended != played || listener.answered != played) {
            throw new IllegalStateException(played + " calls played, " + listener.ended + " ended, "
                    + listener.answered + " answered");
        }
    }

    private static final class FloorBoard {
        final Map<String, Object> legs = new HashMap<>();
    }

    /** Counts ended calls; the other events are what a host would publish, not needed here. */
    private static final class Listener implements EngineListener {
        long ended;
        long answered;

        @Override
        public void callEnded(CallRecord record, List<Visit> visits) {
            ended++;
            if (record.disposition() == CallRecord.Disposition.ANSWERED) {
                answered++;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Bench.header("engine (JMH, 1 thread, " + COMPANIES + " companies of " + USERS + " users)");
        Bench.watchdog(Duration.ofMinutes(5));
        Map<String, RunResult> results = new HashMap<>();
        for (RunResult r : new Runner(new OptionsBuilder()
                .include(Pattern.quote(EngineSignals.class.getName()) + "\\.").build()).run()) {
            String name = r.getParams().getBenchmark();
            results.put(name.substring(name.lastIndexOf('.') + 1), r);
        }
        double engine = results.get("engine").getPrimaryResult().getScore();
        double engineError = results.get("engine").getPrimaryResult().getScoreError();
        double floor = results.get("floor").getPrimaryResult().getScore();
        double floorError = results.get("floor").getPrimaryResult().getScoreError();
        Bench.print("");
        Bench.print("engine:         %,13.0f signals/s ± %,.0f (%,.0f calls/s of %d signals)", engine, engineError,
                engine / SIGNALS_PER_CALL, SIGNALS_PER_CALL);
        Bench.print("dispatch floor: %,13.0f signals/s ± %,.0f (HashMap lookup + ArrayDeque enqueue/dequeue per signal)",
                floor, floorError);
        Bench.print("ratio engine/floor = %.4f (the floor is %.0fx faster)", engine / floor, floor / engine);
        Bench.print("target: engine >= %,.0f signals/s on one core: %,.0f  %s", TARGET, engine,
                Bench.verdict(engine >= TARGET));
        Bench.print("(± = JMH's 99.9 %% confidence half-width over 5 x 2 s measurement iterations after 3 x 2 s warm-up)");
    }
}
