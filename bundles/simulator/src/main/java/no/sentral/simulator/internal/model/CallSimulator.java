package no.sentral.simulator.internal.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import no.sentral.api.telephony.CallControl;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Signal;
import no.sentral.api.telephony.TelephonyAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telephone network and all the people on it, for tests, the demo and benchmarks: callers arrive
 * at each company as a Poisson process, listen to prompts and press keys, wait in queues until they
 * lose patience or ask for a callback, talk and hang up; employees answer most of their rings; outside
 * numbers (callbacks, forwards) mostly answer.
 *
 * <p>All state lives on the {@link Scheduler}'s single thread: {@link #execute} and the other public
 * methods only queue work there, so the engine is never blocked and the simulator needs no locks. Each
 * event is constant work on a hash map and a few timers, so 10,000 concurrent calls are cheap.
 */
public final class CallSimulator implements TelephonyAdapter {

    public static final String NAME = "simulator";
    static final char CALLBACK_KEY = '1';
    static final String QUEUE_POSITION = "queue-position";
    /**
     * Prompts that only inform, so nobody presses a key on them. Any other prompt (by convention the
     * {@code prompt-*} ids of menus) asks for a choice. {@code invalid-choice} is followed by the menu again.
     */
    static final Set<String> INFORMING_PROMPTS = Set.of(QUEUE_POSITION, "callback-confirmed",
            "callback-unavailable", "callback-connecting", "number-unknown", "nobody-available", "call-barred",
            "conference-pin", "conference-pin-wrong", "conference-full", "invalid-choice");
    static final double OUTSIDE_ANSWER_SHARE = 0.85;
    static final double OUTSIDE_NO_ANSWER_SECONDS = 20;
    private static final long SUMMARY_MILLIS = 5 * 60_000;
    /** JVM-wide, so a reconfigured simulator never reuses a leg id the engine may still hold. */
    private static final AtomicLong LEG_IDS = new AtomicLong();
    private static final Logger LOG = LoggerFactory.getLogger(CallSimulator.class);

    private final CallControl network;
    private final Settings settings;
    private final RandomGenerator random;
    private final Scheduler scheduler;
    private final Map<String, SimLeg> legs = new HashMap<>();
    private boolean started;
    private boolean stopped;
    // Written on the simulator's thread only; volatile so that snapshot() may read them from any thread.
    private volatile long callsPlaced;
    private volatile long ringsAnswered;
    private volatile long ringsFailed;
    private volatile long abandons;
    private volatile long callbacksAsked;
    private volatile long hangUps;
    private volatile int liveLegs;

    public CallSimulator(CallControl network, Settings settings, RandomGenerator random, Scheduler scheduler) {
        this.network = network;
        this.settings = settings;
        this.random = random;
        this.scheduler = scheduler;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Starts the callers arriving at every company, and the summary in the log every five minutes. */
    public void start() {
        scheduler.schedule(0, () -> {
            if (started || stopped) {
                return;
            }
            started = true;
            if (settings.callsPerHour() > 0) {
                settings.companies().forEach(this::nextArrival);
            }
            fillUp();
            after(SUMMARY_MILLIS, this::summary);
        });
    }

    /**
     * Stops for good: the callers still on the line hang up, so the engine keeps no calls that would
     * never end, and nothing else happens.
     */
    public void stop() {
        scheduler.schedule(0, () -> {
            if (stopped) {
                return;
            }
            stopped = true;
            for (SimLeg leg : List.copyOf(legs.values())) {
                boolean onLine = leg.up && leg.callerSide;
                remove(leg);
                if (onLine) {
                    hangUps++;
                    network.signal(new Signal.HungUp(leg.tenant, leg.id));
                }
            }
            LOG.info("call simulator stopped: {}", snapshot());
        });
    }

    /** One caller dials the company now, besides the random arrivals (for benchmarks and tests). */
    public void placeCall(String tenant) {
        List<String> numbers = settings.companies().get(tenant);
        if (numbers == null) {
            throw new IllegalArgumentException("the simulator has no company " + tenant);
        }
        after(0, () -> inbound(tenant, numbers));
    }

    /** Called on the engine's thread: only queues the command. */
    @Override
    public void execute(Command command) {
        after(0, () -> handle(command));
    }

    public Stats snapshot() {
        return new Stats(callsPlaced, ringsAnswered, ringsFailed, abandons, callbacksAsked, hangUps, liveLegs);
    }

    // ---- on the simulator's thread from here on

    /** Schedules work that is dropped once the simulator has stopped. */
    private Scheduler.Task after(long millis, Runnable action) {
        return scheduler.schedule(millis, () -> {
            if (!stopped) {
                action.run();
            }
        });
    }

    private Scheduler.Task afterSeconds(double seconds, Runnable action) {
        return after(Math.round(seconds * 1000), action);
    }

    private double exponential(double mean) {
        return mean * random.nextExponential();
    }

    private double uniform(double from, double to) {
        return random.nextDouble(from, to);
    }

    private void summary() {
        LOG.info("call simulator: {}", snapshot());
        after(SUMMARY_MILLIS, this::summary);
    }

    private void nextArrival(String tenant, List<String> numbers) {
        afterSeconds(exponential(3600 / settings.callsPerHour()), () -> {
            inbound(tenant, numbers);
            nextArrival(tenant, numbers);
        });
    }

    /**
     * Load mode: places the calls that keep {@code concurrentCalls} on the line, a company at a time in
     * turn, spread over the first ten seconds so that they do not all ring at once.
     */
    private void fillUp() {
        List<String> tenants = List.copyOf(settings.companies().keySet());
        for (int i = 0; i < settings.concurrentCalls(); i++) {
            String tenant = tenants.get(i % tenants.size());
            after(random.nextLong(10_000), () -> inbound(tenant, settings.companies().get(tenant)));
        }
    }

    private void inbound(String tenant, List<String> numbers) {
        SimLeg leg = add(new SimLeg(tenant, "sim-" + LEG_IDS.incrementAndGet(), true));
        leg.up = true;
        leg.arrived = true;
        callsPlaced++;
        network.signal(new Signal.Inbound(tenant, leg.id, mobileNumber(),
                numbers.get(random.nextInt(numbers.size()))));
    }

    /** A Norwegian mobile number: +47 and eight digits starting with 4 or 9. */
    private String mobileNumber() {
        return String.format("+47%c%07d", random.nextBoolean() ? '4' : '9', random.nextInt(10_000_000));
    }

    private void handle(Command command) {
        if (command instanceof Command.Ring r) {
            ring(r);
        } else if (command instanceof Command.Bridge b) {
            bridge(b);
        } else if (command instanceof Command.Play p) {
            play(p);
        } else if (command instanceof Command.Voicemail v) {
            voicemail(v);
        } else if (command instanceof Command.Cancel || command instanceof Command.Hangup) {
            SimLeg leg = legs.get(command.leg());
            if (leg != null) {
                remove(leg);
            }
        }
        // Answer, Hold and Conference: the party just listens, or waits.
    }

    private void ring(Command.Ring r) {
        if (r.to().isUser()) {
            // An employee who lets it ring out is never tracked: the engine's ring time ends with a Cancel.
            if (random.nextDouble() < settings.answerShare()) {
                SimLeg leg = add(new SimLeg(r.tenant(), r.leg(), false));
                leg.ring = afterSeconds(exponential(settings.answerSeconds()), () -> answered(leg));
            }
            return;
        }
        SimLeg leg = add(new SimLeg(r.tenant(), r.leg(), true));
        leg.ring = random.nextDouble() < OUTSIDE_ANSWER_SHARE
                ? afterSeconds(uniform(3, 8), () -> answered(leg))
                : afterSeconds(OUTSIDE_NO_ANSWER_SECONDS, () -> {
                    leg.ring = null;
                    remove(leg);
                    ringsFailed++;
                    network.signal(new Signal.Failed(leg.tenant, leg.id, Signal.Failure.NO_ANSWER));
                });
    }

    private void answered(SimLeg leg) {
        leg.ring = null;
        leg.up = true;
        ringsAnswered++;
        network.signal(new Signal.Answered(leg.tenant, leg.id));
    }

    /**
     * Two parties talk: nobody waits or presses keys any more, and the caller side ends the talk, once,
     * however often the engine re-bridges.
     */
    private void bridge(Command.Bridge b) {
        SimLeg one = legs.get(b.leg());
        SimLeg two = legs.get(b.other());
        if (one == null || two == null) {
            return; // one side is gone already; the engine learns it from that side's signal
        }
        one.talking();
        two.talking();
        if (one.hangup != null || two.hangup != null) {
            return;
        }
        SimLeg talker = one.callerSide && one.up ? one : two.callerSide && two.up ? two : null;
        if (talker != null) {
            talker.hangup = afterSeconds(exponential(settings.meanTalkSeconds()), () -> hangUp(talker));
        }
    }

    private void play(Command.Play p) {
        SimLeg leg = legs.get(p.leg());
        if (leg == null) {
            return;
        }
        if (QUEUE_POSITION.equals(p.prompt())) {
            queued(leg);
        } else if (!INFORMING_PROMPTS.contains(p.prompt()) && !settings.ivrKeys().isEmpty()) {
            // The caller answers the latest menu they heard, so a replayed menu replaces a pending key.
            leg.key = SimLeg.cancel(leg.key);
            char key = settings.ivrKeys().charAt(random.nextInt(settings.ivrKeys().length()));
            leg.key = afterSeconds(uniform(2, 5), () -> press(leg, key));
        }
    }

    /** The first announcement decides about a callback; from then on the caller's patience runs. */
    private void queued(SimLeg leg) {
        if (!leg.decided) {
            leg.decided = true;
            leg.key = SimLeg.cancel(leg.key);
            if (random.nextDouble() < settings.callbackShare()) {
                leg.key = afterSeconds(uniform(1, 3), () -> {
                    callbacksAsked++;
                    press(leg, CALLBACK_KEY);
                });
            }
        }
        if (leg.patience == null) {
            leg.patience = afterSeconds(exponential(settings.meanPatienceSeconds()), () -> {
                leg.patience = null;
                abandons++;
                hangUp(leg);
            });
        }
    }

    private void press(SimLeg leg, char key) {
        leg.key = null;
        network.signal(new Signal.Digit(leg.tenant, leg.id, key));
    }

    /** The caller leaves a message and hangs up; whatever else they meant to do is moot. */
    private void voicemail(Command.Voicemail v) {
        SimLeg leg = legs.get(v.leg());
        if (leg == null) {
            return;
        }
        leg.cancelAll();
        leg.hangup = afterSeconds(uniform(10, 30), () -> hangUp(leg));
    }

    private void hangUp(SimLeg leg) {
        remove(leg);
        hangUps++;
        network.signal(new Signal.HungUp(leg.tenant, leg.id));
    }

    private SimLeg add(SimLeg leg) {
        legs.put(leg.id, leg);
        liveLegs = legs.size();
        return leg;
    }

    /**
     * The leg is gone: nothing more happens on it. In load mode a caller who is gone is replaced after
     * a pause of up to 200 ms; a company that turns callers away at once would otherwise be redialled
     * in a tight loop.
     */
    private void remove(SimLeg leg) {
        leg.cancelAll();
        if (legs.remove(leg.id) != null && leg.arrived && settings.concurrentCalls() > 0) {
            after(random.nextLong(200), () -> inbound(leg.tenant, settings.companies().get(leg.tenant)));
        }
        liveLegs = legs.size();
    }
}
