package no.sentral.simulator.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Signal;
import org.junit.jupiter.api.Test;

/** The simulator on a real thread, as the OSGi component and benchmarks run it. */
class ExecutorSchedulerTest {

    @Test
    void runsTheSimulatorOnItsOwnThread() throws InterruptedException {
        BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
        executor.setRemoveOnCancelPolicy(true);
        try {
            CallSimulator sim = new CallSimulator(signals::add,
                    new Settings(Map.of("acme", List.of("+4722000000")), 0, 180, 120, 0, 4, 1, "7", 0),
                    new SplittableRandom(1), new ExecutorScheduler(executor));
            sim.placeCall("acme");
            Signal.Inbound inbound = (Signal.Inbound) signals.poll(5, TimeUnit.SECONDS);
            assertThat(inbound).isNotNull();
            sim.execute(new Command.Play("acme", inbound.leg(), "prompt-main", Map.of()));
            assertThat(signals.poll(10, TimeUnit.SECONDS)).isEqualTo(new Signal.Digit("acme", inbound.leg(), '7'));

            sim.stop();
            assertThat(signals.poll(5, TimeUnit.SECONDS)).isEqualTo(new Signal.HungUp("acme", inbound.leg()));
            assertThat(sim.snapshot().liveLegs()).isZero();
        } finally {
            executor.shutdownNow();
        }
    }
}
