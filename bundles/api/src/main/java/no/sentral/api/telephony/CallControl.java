package no.sentral.api.telephony;

/**
 * The switchboard engine as an adapter sees it. Signals may be sent from any thread; each tenant's
 * signals are handled in the order they arrive.
 */
public interface CallControl {

    void signal(Signal signal);
}
