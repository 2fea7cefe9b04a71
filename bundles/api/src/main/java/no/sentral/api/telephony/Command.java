package no.sentral.api.telephony;

import java.util.Map;

/** What the engine asks the network to do. Every command names its company and the leg it acts on. */
public sealed interface Command {

    String tenant();

    String leg();

    /** Ring {@code to} on a new leg named {@code leg}, showing {@code callerId}; give up after the engine cancels. */
    record Ring(String tenant, String leg, String call, Party to, String callerId) implements Command {
    }

    /** Stop ringing a leg that has not answered. */
    record Cancel(String tenant, String leg) implements Command {
    }

    /** Pick up an incoming leg so that prompts can be played and digits collected. */
    record Answer(String tenant, String leg) implements Command {
    }

    /**
     * Play prompt {@code prompt} (an id from the prompt library, e.g. {@code queue-position}) with its
     * arguments (e.g. {@code position=3}, {@code waitSeconds=120}) to the leg.
     */
    record Play(String tenant, String leg, String prompt, Map<String, String> args) implements Command {
        public Play {
            args = Map.copyOf(args);
        }
    }

    /** Connect two legs so that their parties talk. */
    record Bridge(String tenant, String leg, String other) implements Command {
    }

    /** Put the leg's party on hold with music. */
    record Hold(String tenant, String leg) implements Command {
    }

    /** Hang up the leg; {@code reason} is for the network's logs. */
    record Hangup(String tenant, String leg, String reason) implements Command {
    }

    /** Put the leg into conference room {@code room}. */
    record Conference(String tenant, String leg, String room) implements Command {
    }

    /** Let the caller leave a message in {@code mailbox} (an employee id); the network hangs up after it. */
    record Voicemail(String tenant, String leg, String mailbox) implements Command {
    }
}
