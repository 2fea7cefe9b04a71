package no.sentral.itests;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.function.Supplier;
import no.sentral.api.telephony.CallControl;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Signal;
import no.sentral.api.telephony.TelephonyAdapter;

/**
 * A telephony adapter the test plays by hand: it records the engine's commands and sends signals as a
 * network would. Registered as a service, it takes over from any other adapter while the test runs.
 */
final class RecordingNetwork implements TelephonyAdapter {

    private final ConcurrentLinkedQueue<Command> commands = new ConcurrentLinkedQueue<>();
    /** Looked up at each signal: after a restart of the switchboard it is a new service. */
    private final Supplier<CallControl> control;
    private final String tenant;
    private int legs;

    RecordingNetwork(Supplier<CallControl> control, String tenant) {
        this.control = control;
        this.tenant = tenant;
    }

    @Override
    public String name() {
        return "itest";
    }

    @Override
    public void execute(Command command) {
        commands.add(command);
    }

    List<Command> commands() {
        return List.copyOf(commands);
    }

    String call(String from, String to) {
        String leg = "it-" + tenant + "-" + (++legs);
        control.get().signal(new Signal.Inbound(tenant, leg, from, to));
        return leg;
    }

    void press(String leg, char key) {
        control.get().signal(new Signal.Digit(tenant, leg, key));
    }

    void answer(String leg) {
        control.get().signal(new Signal.Answered(tenant, leg));
    }

    void hangUp(String leg) {
        control.get().signal(new Signal.HungUp(tenant, leg));
    }

    /** Waits for the engine to ring someone matching {@code which}; returns the leg. */
    String awaitRing(String what, Predicate<Command.Ring> which) throws InterruptedException {
        String[] leg = new String[1];
        SentralTestSupport.waitFor("a ring to " + what + "; commands: " + commands, () -> commands.stream()
                .filter(c -> c instanceof Command.Ring r && which.test(r)).map(Command::leg)
                .reduce((a, b) -> b).map(l -> leg[0] = l).isPresent());
        return leg[0];
    }

    void awaitCommand(String what, Predicate<Command> which) throws InterruptedException {
        SentralTestSupport.waitFor(what + "; commands: " + commands, () -> commands.stream().anyMatch(which));
    }
}
