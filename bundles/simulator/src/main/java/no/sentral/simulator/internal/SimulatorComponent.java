package no.sentral.simulator.internal;

import java.util.SplittableRandom;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import no.sentral.api.telephony.CallControl;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.TelephonyAdapter;
import no.sentral.simulator.internal.model.CallSimulator;
import no.sentral.simulator.internal.model.ExecutorScheduler;
import no.sentral.simulator.internal.model.Settings;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call simulator as the {@code simulator} telephony adapter, when {@code etc/no.sentral.simulator.cfg}
 * exists: a {@link CallSimulator} on its own daemon thread. A new configuration restarts it; the callers
 * of the old one hang up.
 */
@Component(name = SimulatorComponent.PID, configurationPid = SimulatorComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = TelephonyAdapter.class,
        property = "sentral.telephony.adapter=" + CallSimulator.NAME)
@Designate(ocd = SimulatorConfig.class)
public class SimulatorComponent implements TelephonyAdapter {

    static final String PID = "no.sentral.simulator";
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

    private final ScheduledThreadPoolExecutor executor;
    private final CallSimulator simulator;

    @Activate
    public SimulatorComponent(SimulatorConfig config, @Reference(name = "callControl") CallControl network) {
        Settings settings = new Settings(Settings.parseCompanies(config.companies()), config.callsPerHour(),
                config.meanTalkSeconds(), config.meanPatienceSeconds(), config.callbackShare(),
                config.answerSeconds(), config.answerShare(), config.ivrKeys(), config.concurrentCalls());
        if (settings.companies().isEmpty()) {
            throw new IllegalArgumentException(PID + ": companies is empty; nobody to call");
        }
        // Once stopped, the engine may still hand over a command or two: drop them rather than throw at it.
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "sentral-simulator");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        simulator = new CallSimulator(network, settings,
                config.seed() == 0 ? new SplittableRandom() : new SplittableRandom(config.seed()),
                new ExecutorScheduler(executor));
        simulator.start();
        LOG.info("call simulator calling {} at {} calls per hour each", settings.companies().keySet(),
                settings.callsPerHour());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        simulator.stop();
        // The stop, due now, still runs after shutdown; the timers still pending are dropped.
        executor.shutdown();
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
            executor.shutdownNow();
        }
    }

    @Override
    public String name() {
        return simulator.name();
    }

    @Override
    public void execute(Command command) {
        simulator.execute(command);
    }
}
