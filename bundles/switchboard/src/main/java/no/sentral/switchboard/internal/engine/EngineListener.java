package no.sentral.switchboard.internal.engine;

import java.time.Instant;
import java.util.List;
import no.sentral.api.telephony.CallRecord;

/**
 * What the engine tells the rest of the system, on the engine's thread. The OSGi host persists and
 * publishes; tests record. Implementations must not wait: database and network work belongs on another
 * thread, and what the engine must know of its outcome comes back to it as a call on its own thread
 * ({@link Engine#callbackStored}).
 */
public interface EngineListener {

    /** A call started or changed state (ringing, in IVR, queued, offered, connected, ...). */
    default void callChanged(CallView call) {
    }

    /** A call ended: its CDR, and how each queue or group visit went (for statistics). */
    default void callEnded(CallRecord record, List<Visit> visits) {
    }

    /** The counters of a queue, group or agent changed. */
    default void statsChanged(String tenant, Visit.Kind kind, String id) {
    }

    /** A waiting call's indicator changed colour (SB-01). */
    default void waitLevel(String tenant, String call, String queue, WaitColour colour) {
    }

    /** A call has waited longer than its queue's alert threshold (SB-06). */
    default void longWait(String tenant, String call, String queue, long waitSeconds) {
    }

    /** An employee went on or off the phone (PBX-12). */
    default void userStatus(String tenant, String user, boolean onCall) {
    }

    /**
     * A caller asked for a callback keeping their place (PBX-05): save it durably and report whether it was
     * saved by {@code deadline} with {@link Engine#callbackStored}({@code request}). The caller hears the
     * confirmation only then; without an answer by the deadline they are told callback is unavailable.
     */
    default void callbackRequested(PendingCallback callback, long request, Instant deadline) {
    }

    /** A waiting callback's attempt count changed; a lost update only means a retry counts from the older figure. */
    default void callbackSaved(PendingCallback callback) {
    }

    /** A callback was connected, given up or not confirmed; it need not be restored any more. */
    default void callbackDone(String tenant, String call) {
    }
}
