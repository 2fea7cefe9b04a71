package no.sentral.switchboard.internal.engine;

import java.util.List;
import no.sentral.api.telephony.CallRecord;

/**
 * What the engine tells the rest of the system, on the engine's thread. The OSGi host persists and
 * publishes; tests record. Implementations must be quick: slow work belongs on another thread,
 * except {@link #callbackSaved}, which must be durable before it returns (the caller was just told
 * their place is kept).
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

    /** A callback keeping its place was registered or its attempt count changed (PBX-05). */
    default void callbackSaved(PendingCallback callback) {
    }

    /** A callback was connected or given up; it need not be restored any more. */
    default void callbackDone(String tenant, String call) {
    }
}
