package no.sentral.simulator.internal.model;

import java.util.HashMap;
import java.util.Map;
import no.sentral.api.telephony.CallControl;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Party;
import no.sentral.api.telephony.Signal;

/**
 * A switchboard reduced to what exercises every path of the simulator: a menu, a queue with one agent
 * rung 15 s at a time, callback on key 1 (the agent first, then the caller's number), talk and hang-up.
 * Signals are handled at once, on the simulator's thread, like an engine that runs in line.
 */
final class MiniEngine implements CallControl {

    private static final String AGENT = "u1";

    private final class Call {
        final String tenant;
        final String from;
        String caller;
        String agent;
        boolean agentUp;
        String outside;
        boolean queued;
        boolean callback;
        Scheduler.Task timeout;

        Call(String tenant, String from) {
            this.tenant = tenant;
            this.from = from;
        }
    }

    private final VirtualScheduler clock;
    private final Map<String, Call> byLeg = new HashMap<>();
    private CallSimulator network;
    private int live;
    private int ended;
    private int seq;

    MiniEngine(VirtualScheduler clock) {
        this.clock = clock;
    }

    void attach(CallSimulator network) {
        this.network = network;
    }

    int live() {
        return live;
    }

    int ended() {
        return ended;
    }

    int legs() {
        return byLeg.size();
    }

    @Override
    public void signal(Signal s) {
        if (s instanceof Signal.Inbound i) {
            Call c = new Call(i.tenant(), i.from());
            c.caller = i.leg();
            byLeg.put(c.caller, c);
            live++;
            send(new Command.Answer(c.tenant, c.caller));
            send(new Command.Play(c.tenant, c.caller, "prompt-main", Map.of()));
            return;
        }
        Call c = byLeg.get(s.leg());
        if (c == null) {
            return;
        }
        if (s instanceof Signal.Digit d) {
            digit(c, d.digit());
        } else if (s instanceof Signal.Answered a) {
            answered(c, a.leg());
        } else if (s instanceof Signal.Failed || s instanceof Signal.HungUp) {
            byLeg.remove(s.leg());
            end(c);
        }
    }

    private void digit(Call c, char digit) {
        if (!c.queued) {
            c.queued = true;
            send(new Command.Play(c.tenant, c.caller, "queue-position", Map.of("position", "1")));
            ringAgent(c);
        } else if (digit == '1' && !c.callback && !c.agentUp) {
            c.callback = true;
            send(new Command.Play(c.tenant, c.caller, "callback-confirmed", Map.of()));
            send(new Command.Hangup(c.tenant, c.caller, "callback requested"));
            byLeg.remove(c.caller);
            c.caller = null;
        }
    }

    private void answered(Call c, String leg) {
        Scheduler.Task t = c.timeout;
        c.timeout = null;
        t.cancel();
        if (leg.equals(c.agent)) {
            c.agentUp = true;
            if (c.callback) {
                send(new Command.Play(c.tenant, c.agent, "callback-connecting", Map.of("number", c.from)));
                c.outside = "out-" + seq++;
                byLeg.put(c.outside, c);
                send(new Command.Ring(c.tenant, c.outside, "call", Party.number(c.from), "+4722000000"));
                c.timeout = clock.schedule(30_000, () -> end(c));
            } else {
                send(new Command.Bridge(c.tenant, c.caller, c.agent));
            }
        } else {
            send(new Command.Bridge(c.tenant, c.outside, c.agent));
        }
    }

    private void ringAgent(Call c) {
        c.agent = "ag-" + seq++;
        byLeg.put(c.agent, c);
        send(new Command.Ring(c.tenant, c.agent, "call", Party.user(AGENT, "+4790000000"), c.from));
        c.timeout = clock.schedule(15_000, () -> {
            send(new Command.Cancel(c.tenant, c.agent));
            byLeg.remove(c.agent);
            ringAgent(c);
        });
    }

    /** Ends the call: every leg still there is hung up, or cancelled while it rings. */
    private void end(Call c) {
        if (c.timeout != null) {
            c.timeout.cancel();
        }
        if (c.caller != null && byLeg.remove(c.caller) != null) {
            send(new Command.Hangup(c.tenant, c.caller, "call ended"));
        }
        if (c.agent != null && byLeg.remove(c.agent) != null) {
            send(c.agentUp ? new Command.Hangup(c.tenant, c.agent, "call ended") : new Command.Cancel(c.tenant, c.agent));
        }
        if (c.outside != null && byLeg.remove(c.outside) != null) {
            send(new Command.Cancel(c.tenant, c.outside));
        }
        live--;
        ended++;
    }

    private void send(Command command) {
        network.execute(command);
    }
}
