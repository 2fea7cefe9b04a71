package no.sentral.api.telephony;

/**
 * A telephone network the engine drives. {@link #execute} is called on the engine's thread and must
 * not block: an adapter queues the work and answers later with signals.
 */
public interface TelephonyAdapter {

    /** Short name shown in the shell and logs, e.g. {@code simulator} or {@code sip}. */
    String name();

    void execute(Command command);
}
