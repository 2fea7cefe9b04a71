package no.sentral.switchboard.internal.engine;

import no.sentral.api.telephony.Party;
import no.sentral.api.telephony.Signal.Failure;

/** One party's connection in a call. Signals for it go to its current handler. */
final class Leg {

    /** Who gets a leg's signals: the call's current step, a ringing offer, a connection. */
    interface Handler {
        default void answered(Leg leg) {
        }

        default void failed(Leg leg, Failure failure) {
        }

        void hungUp(Leg leg);

        default void digit(Leg leg, char digit) {
        }
    }

    final String id;
    final Call call;
    final Party party;
    boolean up;
    boolean gone;
    Handler handler;

    Leg(String id, Call call, Party party, Handler handler) {
        this.id = id;
        this.call = call;
        this.party = party;
        this.handler = handler;
    }

    String user() {
        return party.user();
    }
}
