package no.sentral.simulator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Party;
import no.sentral.api.telephony.Signal;
import org.junit.jupiter.api.Test;

class CallSimulatorTest {

    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final Map<String, List<String>> COMPANIES = Map.of(
            "acme", List.of("+4722000000", "+4722000001"), "beta", List.of("+4733000000"));

    private final VirtualScheduler clock = new VirtualScheduler();
    private final Recorder network = new Recorder(clock);

    private CallSimulator simulator(Settings settings) {
        return new CallSimulator(network, settings, new SplittableRandom(42), clock);
    }

    private static Settings settings(double callsPerHour, double talk, double patience, double callbackShare,
                                     double answerSeconds, double answerShare) {
        return new Settings(COMPANIES, callsPerHour, talk, patience, callbackShare, answerSeconds, answerShare, "123", 0);
    }

    /** Places a call now and returns its leg. */
    private String caller(CallSimulator sim) {
        int before = network.all(Signal.Inbound.class).size();
        sim.placeCall("acme");
        clock.runFor(0);
        List<Signal.Inbound> inbound = network.all(Signal.Inbound.class);
        assertThat(inbound).hasSize(before + 1);
        return inbound.get(before).leg();
    }

    /** Rings an employee who answers (answerShare 1) and returns the answered leg. */
    private String answeredAgent(CallSimulator sim, String leg) {
        sim.execute(new Command.Ring("acme", leg, "call", Party.user("u1", "+4790000000"), "+4791234567"));
        clock.runFor(10 * MINUTE);
        assertThat(network.forLeg(leg)).containsExactly(new Signal.Answered("acme", leg));
        return leg;
    }

    private static Command.Play play(String leg, String prompt) {
        return new Command.Play("acme", leg, prompt, Map.of());
    }

    private static double meanSeconds(List<Long> millis) {
        return millis.stream().mapToLong(Long::longValue).average().orElseThrow() / 1000;
    }

    @Test
    void callersArriveAsAPoissonProcessAtEachCompany() {
        CallSimulator sim = simulator(settings(120, 180, 120, 0.15, 4, 0.9));
        sim.start();
        clock.runUntil(10 * HOUR);

        List<Signal.Inbound> calls = network.all(Signal.Inbound.class);
        Map<String, Long> perCompany = calls.stream()
                .collect(Collectors.groupingBy(Signal.Inbound::tenant, Collectors.counting()));
        // 1200 expected per company, standard deviation about 35.
        assertThat(perCompany.get("acme")).isBetween(1050L, 1350L);
        assertThat(perCompany.get("beta")).isBetween(1050L, 1350L);
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.from()).matches("\\+47[49][0-9]{7}");
            assertThat(c.to()).isIn(COMPANIES.get(c.tenant()));
        });
        assertThat(calls.stream().filter(c -> c.tenant().equals("acme")).map(Signal.Inbound::to).distinct())
                .containsExactlyInAnyOrder("+4722000000", "+4722000001");
        assertThat(calls.stream().map(Signal.Inbound::leg).distinct()).hasSize(calls.size());
        assertThat(sim.snapshot().callsPlaced()).isEqualTo(calls.size());
    }

    @Test
    void anEmployeeAnswersARingAfterADelay() {
        CallSimulator sim = simulator(settings(0, 180, 120, 0.15, 4, 1));
        for (int i = 0; i < 2000; i++) {
            sim.execute(new Command.Ring("acme", "a" + i, "c" + i, Party.user("u" + i, "+4790000000"), "+4791234567"));
        }
        clock.runFor(10 * MINUTE);

        List<Long> delays = network.events(Signal.Answered.class).stream().map(Recorder.Event::at).toList();
        assertThat(network.events).hasSize(2000).allSatisfy(e -> assertThat(e.signal()).isInstanceOf(Signal.Answered.class));
        assertThat(meanSeconds(delays)).isBetween(3.6, 4.4);
        assertThat(sim.snapshot().ringsAnswered()).isEqualTo(2000);
        assertThat(sim.snapshot().liveLegs()).isEqualTo(2000);
    }

    @Test
    void employeesLetTheOtherRingsRingOut() {
        CallSimulator sim = simulator(settings(0, 180, 120, 0.15, 4, 0.9));
        for (int i = 0; i < 2000; i++) {
            sim.execute(new Command.Ring("acme", "a" + i, "c" + i, Party.user("u" + i, "+4790000000"), "+4791234567"));
        }
        clock.runFor(HOUR);

        // 1800 expected, standard deviation about 13; the rest get no signal at all.
        assertThat(network.all(Signal.Answered.class).size()).isBetween(1740, 1860);
        assertThat(network.events).allSatisfy(e -> assertThat(e.signal()).isInstanceOf(Signal.Answered.class));
        for (int i = 0; i < 2000; i++) {
            sim.execute(new Command.Cancel("acme", "a" + i));
        }
        clock.runFor(0);
        assertThat(sim.snapshot().liveLegs()).isZero();
    }

    @Test
    void aCancelStopsTheAnswer() {
        CallSimulator sim = simulator(settings(0, 180, 120, 0.15, 60, 1));
        sim.execute(new Command.Ring("acme", "a1", "c1", Party.user("u1", "+4790000000"), "+4791234567"));
        sim.execute(new Command.Ring("acme", "a2", "c2", Party.user("u2", "+4790000001"), "+4791234567"));
        sim.execute(new Command.Cancel("acme", "a1"));
        clock.runFor(0);
        clock.runFor(SECOND / 2);
        sim.execute(new Command.Cancel("acme", "a2"));
        clock.runFor(HOUR);

        assertThat(network.events).isEmpty();
        assertThat(sim.snapshot().liveLegs()).isZero();
    }

    @Test
    void aBridgedCallerHangsUpAfterTheTalk() {
        CallSimulator sim = simulator(settings(0, 180, 120, 0.15, 4, 1));
        List<Long> talks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String caller = caller(sim);
            String agent = answeredAgent(sim, "ag" + i);
            long bridged = clock.now();
            sim.execute(new Command.Bridge("acme", caller, agent));
            // A re-bridge (after a consultation) does not make the caller hang up twice.
            sim.execute(new Command.Bridge("acme", caller, agent));
            clock.runFor(10 * HOUR);
            List<Recorder.Event> hungUp = network.events(Signal.HungUp.class).stream()
                    .filter(e -> ((Signal.HungUp) e.signal()).leg().equals(caller)).toList();
            assertThat(hungUp).hasSize(1);
            talks.add(hungUp.get(0).at() - bridged);
            sim.execute(new Command.Hangup("acme", agent, "call ended"));
            clock.runFor(0);
        }

        assertThat(meanSeconds(talks)).isBetween(160.0, 200.0);
        assertThat(network.all(Signal.HungUp.class)).hasSize(1000)
                .allSatisfy(h -> assertThat(h.leg()).startsWith("sim-"));
        assertThat(sim.snapshot().hangUps()).isEqualTo(1000);
        assertThat(sim.snapshot().abandons()).isZero();
        assertThat(sim.snapshot().liveLegs()).isZero();
    }

    @Test
    void aQueuedCallerAbandonsAfterTheirPatience() {
        CallSimulator sim = simulator(settings(0, 180, 120, 0, 4, 1));
        List<String> callers = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String caller = caller(sim);
            sim.execute(play(caller, "queue-position"));
            callers.add(caller);
        }
        clock.runFor(30 * SECOND);
        // A later announcement does not start the patience again.
        callers.forEach(c -> sim.execute(play(c, "queue-position")));
        clock.runFor(10 * HOUR);

        List<Long> waits = network.events(Signal.HungUp.class).stream().map(Recorder.Event::at).toList();
        assertThat(waits).hasSize(1000);
        assertThat(meanSeconds(waits)).isBetween(105.0, 135.0);
        assertThat(network.all(Signal.Digit.class)).isEmpty();
        assertThat(sim.snapshot().abandons()).isEqualTo(1000);
        assertThat(sim.snapshot().liveLegs()).isZero();
    }

    @Test
    void aBridgedCallerDoesNotAbandon() {
        CallSimulator sim = simulator(settings(0, 1_000_000, 1, 0, 4, 1));
        String caller = caller(sim);
        String agent = answeredAgent(sim, "ag");
        sim.execute(play(caller, "queue-position"));
        sim.execute(new Command.Bridge("acme", caller, agent));
        clock.runFor(HOUR);

        assertThat(network.forLeg(caller)).hasSize(1);
        assertThat(sim.snapshot().abandons()).isZero();
    }

    @Test
    void aboutTheCallbackShareOfQueuedCallersPressTheCallbackKey() {
        CallSimulator sim = simulator(settings(0, 180, 1_000_000, 0.15, 4, 1));
        Map<String, Long> queuedAt = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            String caller = caller(sim);
            sim.execute(play(caller, "queue-position"));
            queuedAt.put(caller, clock.now());
        }
        clock.runFor(SECOND / 2);
        // The repeated announcement neither asks again nor withdraws a key about to be pressed.
        queuedAt.keySet().forEach(c -> sim.execute(play(c, "queue-position")));
        clock.runFor(MINUTE);

        List<Recorder.Event> digits = network.events(Signal.Digit.class);
        // 150 expected, standard deviation about 11.
        assertThat(digits.size()).isBetween(110, 190);
        assertThat(digits).allSatisfy(e -> {
            Signal.Digit d = (Signal.Digit) e.signal();
            assertThat(d.digit()).isEqualTo('1');
            assertThat(e.at() - queuedAt.get(d.leg())).isBetween(1 * SECOND, 3 * SECOND);
        });
        assertThat(digits.stream().map(e -> ((Signal.Digit) e.signal()).leg()).distinct()).hasSize(digits.size());
        assertThat(sim.snapshot().callbacksAsked()).isEqualTo(digits.size());
    }

    @Test
    void aCallerPressesAMenuKeyAndNothingOnPromptsThatOnlyInform() {
        CallSimulator sim = simulator(settings(0, 180, 120, 0.15, 4, 1));
        Set<Character> keys = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            String caller = caller(sim);
            long at = clock.now();
            sim.execute(play(caller, i % 2 == 0 ? "prompt-main" : "sales-menu"));
            clock.runFor(MINUTE);
            List<Recorder.Event> digit = network.events(Signal.Digit.class).stream()
                    .filter(e -> ((Signal.Digit) e.signal()).leg().equals(caller)).toList();
            assertThat(digit).hasSize(1);
            assertThat(digit.get(0).at() - at).isBetween(2 * SECOND, 5 * SECOND);
            keys.add(((Signal.Digit) digit.get(0).signal()).digit());
        }
        assertThat(keys).containsExactlyInAnyOrder('1', '2', '3');

        String caller = caller(sim);
        for (String prompt : List.of("conference-pin", "callback-confirmed", "number-unknown", "nobody-available",
                "call-barred", "callback-unavailable")) {
            sim.execute(play(caller, prompt));
        }
        clock.runFor(MINUTE);
        assertThat(network.forLeg(caller)).hasSize(1);
    }

    @Test
    void aCallerAnswersOnlyTheLatestPlayingOfAMenu() {
        CallSimulator sim = simulator(settings(0, 180, 120, 0.15, 4, 1));
        String caller = caller(sim);
        sim.execute(play(caller, "prompt-main"));
        clock.runFor(SECOND);
        sim.execute(play(caller, "invalid-choice"));
        sim.execute(play(caller, "prompt-main"));
        clock.runFor(MINUTE);

        assertThat(network.all(Signal.Digit.class)).hasSize(1);
    }

    @Test
    void anOutsideNumberAnswersOrFails() {
        CallSimulator sim = simulator(settings(0, 180, 120, 0.15, 4, 1));
        for (int i = 0; i < 1000; i++) {
            sim.execute(new Command.Ring("acme", "o" + i, "c" + i, Party.number("+4791234567"), "+4722000000"));
        }
        clock.runFor(MINUTE);

        List<Recorder.Event> answered = network.events(Signal.Answered.class);
        List<Recorder.Event> failed = network.events(Signal.Failed.class);
        // 850 expected, standard deviation about 11.
        assertThat(answered.size()).isBetween(810, 890);
        assertThat(answered.size() + failed.size()).isEqualTo(1000);
        assertThat(answered).allSatisfy(e -> assertThat(e.at()).isBetween(3 * SECOND, 8 * SECOND));
        assertThat(failed).allSatisfy(e -> {
            assertThat(e.at()).isEqualTo(20 * SECOND);
            assertThat(((Signal.Failed) e.signal()).failure()).isEqualTo(Signal.Failure.NO_ANSWER);
        });
        assertThat(sim.snapshot().ringsFailed()).isEqualTo(failed.size());
        assertThat(sim.snapshot().liveLegs()).isEqualTo(answered.size());
    }

    @Test
    void theCalledBackCallerEndsTheTalk() {
        CallSimulator sim = simulator(settings(0, 180, 120, 0.15, 4, 1));
        String agent = answeredAgent(sim, "ag");
        String outside = null;
        for (int i = 0; outside == null; i++) {
            sim.execute(new Command.Ring("acme", "o" + i, "c", Party.number("+4791234567"), "+4722000000"));
            clock.runFor(MINUTE);
            if (network.forLeg("o" + i).get(0) instanceof Signal.Answered) {
                outside = "o" + i;
            }
        }
        sim.execute(new Command.Bridge("acme", outside, agent));
        clock.runFor(10 * HOUR);

        assertThat(network.forLeg(outside)).containsExactly(new Signal.Answered("acme", outside),
                new Signal.HungUp("acme", outside));
        assertThat(network.forLeg(agent)).hasSize(1);
    }

    @Test
    void aCallerInVoicemailLeavesAMessageAndHangsUp() {
        CallSimulator sim = simulator(settings(0, 180, 0.001, 0, 4, 1));
        String caller = caller(sim);
        long at = clock.now();
        sim.execute(play(caller, "queue-position"));
        sim.execute(new Command.Voicemail("acme", caller, "u1"));
        clock.runFor(HOUR);

        List<Recorder.Event> hungUp = network.events(Signal.HungUp.class);
        assertThat(hungUp).hasSize(1);
        assertThat(hungUp.get(0).at() - at).isBetween(10 * SECOND, 30 * SECOND);
        assertThat(sim.snapshot().abandons()).isZero();
        assertThat(sim.snapshot().liveLegs()).isZero();
    }

    @Test
    void aLegTheEngineHangsUpGetsNoMoreSignals() {
        CallSimulator sim = simulator(settings(0, 180, 5, 1, 4, 1));
        String talking = caller(sim);
        String agent = answeredAgent(sim, "ag");
        String waiting = caller(sim);
        // Each has something pending (a key, patience, the end of the talk) when the engine hangs up.
        sim.execute(play(waiting, "prompt-main"));
        sim.execute(play(waiting, "queue-position"));
        sim.execute(new Command.Bridge("acme", talking, agent));
        clock.runFor(0);
        sim.execute(new Command.Hangup("acme", waiting, "call ended"));
        sim.execute(new Command.Hangup("acme", talking, "call ended"));
        sim.execute(new Command.Hangup("acme", agent, "call ended"));
        clock.runFor(10 * HOUR);

        assertThat(network.forLeg(waiting)).hasSize(1);
        assertThat(network.forLeg(talking)).hasSize(1);
        assertThat(sim.snapshot().liveLegs()).isZero();
    }

    @Test
    void everyLegIsForgottenWhenItsCallEnds() {
        MiniEngine engine = new MiniEngine(clock);
        CallSimulator sim = new CallSimulator(engine, settings(0, 180, 120, 0.3, 4, 0.9),
                new SplittableRandom(7), clock);
        engine.attach(sim);
        for (int i = 0; i < 600; i++) {
            clock.schedule(i * 6 * SECOND, () -> sim.placeCall("acme"));
        }
        clock.runUntil(24 * HOUR);

        Stats stats = sim.snapshot();
        assertThat(stats.callsPlaced()).isEqualTo(600);
        assertThat(engine.ended()).isEqualTo(600);
        assertThat(engine.live()).isZero();
        assertThat(engine.legs()).isZero();
        assertThat(stats.liveLegs()).isZero();
        assertThat(stats.abandons()).isPositive();
        assertThat(stats.callbacksAsked()).isPositive();
        assertThat(stats.ringsFailed()).isPositive();
    }

    @Test
    void loadModeKeepsTheGivenNumberOfCallersOnTheLineSpreadOverTheCompanies() {
        MiniEngine engine = new MiniEngine(clock);
        CallSimulator sim = new CallSimulator(engine, new Settings(COMPANIES, 0, 30, 600, 0, 1, 1, "123", 50),
                new SplittableRandom(7), clock);
        engine.attach(sim);
        sim.start();
        clock.runUntil(HOUR);
        assertThat(engine.live()).as("a few are between a hang-up and the next call").isBetween(45, 50);
        assertThat(sim.snapshot().callsPlaced()).isGreaterThan(50 * 60);
        sim.stop();
        clock.runFor(MINUTE);
        assertThat(engine.live()).isZero();
    }

    @Test
    void stoppingHangsUpTheCallersOnTheLineAndEndsAllActivity() {
        MiniEngine engine = new MiniEngine(clock);
        CallSimulator sim = new CallSimulator(engine, settings(600, 180, 120, 0.15, 4, 0.9),
                new SplittableRandom(7), clock);
        engine.attach(sim);
        sim.start();
        clock.runUntil(HOUR);
        assertThat(sim.snapshot().liveLegs()).isPositive();
        long placed = sim.snapshot().callsPlaced();
        long hungUp = sim.snapshot().hangUps();

        sim.stop();
        clock.runFor(0);
        Stats stopped = sim.snapshot();
        assertThat(stopped.liveLegs()).isZero();
        assertThat(stopped.hangUps()).isGreaterThan(hungUp);
        clock.runFor(10 * HOUR);
        assertThat(sim.snapshot()).isEqualTo(stopped);
        assertThat(stopped.callsPlaced()).isEqualTo(placed);
    }

    @Test
    void settingsAreChecked() {
        assertThat(Settings.parseCompanies("acme=+4722000000, +4722000001", " beta = +4733000000"))
                .containsExactly(Map.entry("acme", List.of("+4722000000", "+4722000001")),
                        Map.entry("beta", List.of("+4733000000")));
        assertThatThrownBy(() -> Settings.parseCompanies("+4722000000")).hasMessageContaining("tenant=");
        assertThatThrownBy(() -> Settings.parseCompanies("a=+4722000000", "a=+4722000001"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> Settings.defaults(Settings.parseCompanies("a="))).hasMessageContaining("no number");
        assertThatThrownBy(() -> Settings.defaults(Map.of("a", List.of("22000000")))).hasMessageContaining("E.164");
        assertThatThrownBy(() -> settings(-1, 180, 120, 0.15, 4, 0.9)).hasMessageContaining("callsPerHour");
        assertThatThrownBy(() -> settings(120, 180, 120, 1.5, 4, 0.9)).hasMessageContaining("callbackShare");
        assertThatThrownBy(() -> new Settings(COMPANIES, 1, 1, 1, 0, 1, 1, "12a", 0)).hasMessageContaining("ivrKeys");
        assertThatThrownBy(() -> simulator(Settings.defaults(COMPANIES)).placeCall("nobody"))
                .hasMessageContaining("nobody");
    }
}
