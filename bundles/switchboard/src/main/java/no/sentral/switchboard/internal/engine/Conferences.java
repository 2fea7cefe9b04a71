package no.sentral.switchboard.internal.engine;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Command;
import no.sentral.switchboard.internal.config.Destination;
import no.sentral.switchboard.internal.config.UserConfig;

/** A company's personal conference rooms (PBX-13, APP-10): a caller enters the owner's PIN and joins. */
final class Conferences {

    /** A personal conference room holds at most 30 people (PBX-13, APP-10). */
    static final int ROOM_SIZE = 30;
    private static final Duration PIN_WAIT = Duration.ofSeconds(10);
    private static final int PIN_TRIES = 3;

    private final Board board;
    private final Map<String, Set<Leg>> rooms = new HashMap<>();

    Conferences(Board board) {
        this.board = board;
    }

    void enter(Call call, String owner) {
        UserConfig user = board.config.users().get(owner);
        if (user == null || user.conferencePin() == null) {
            board.routing.missing(call, Destination.of(Destination.Type.CONFERENCE, owner));
            return;
        }
        call.state = CallState.IN_IVR;
        board.answerCaller(call);
        call.step = new PinStep(call, owner, user.conferencePin());
        board.changed(call);
    }

    int size(String owner) {
        Set<Leg> room = rooms.get(owner);
        return room == null ? 0 : room.size();
    }

    /** The caller keys the room's PIN, then talks in the room until they hang up. */
    private final class PinStep implements Call.Step {
        private final Call call;
        private final String owner;
        private final String pin;
        private final StringBuilder digits = new StringBuilder();
        private int tries;
        private Timers.Timer wait;
        private Leg joined;

        PinStep(Call call, String owner, String pin) {
            this.call = call;
            this.owner = owner;
            this.pin = pin;
            this.wait = ask("conference-pin");
        }

        private Timers.Timer ask(String prompt) {
            board.play(call.caller, prompt, Map.of());
            return board.timer(PIN_WAIT, this::submit);
        }

        @Override
        public void digit(char digit) {
            if (joined != null) {
                return;
            }
            if (digit == '#') {
                submit();
            } else {
                digits.append(digit);
            }
        }

        private void submit() {
            Timers.cancel(wait);
            if (pin.contentEquals(digits)) {
                join();
                return;
            }
            digits.setLength(0);
            if (++tries >= PIN_TRIES) {
                call.hop(board.now(), "conference", owner, "wrong PIN " + tries + " times");
                board.play(call.caller, "conference-pin-wrong", Map.of());
                board.end(call, Disposition.REFUSED);
            } else {
                wait = ask("conference-pin-wrong");
            }
        }

        private void join() {
            Set<Leg> room = rooms.computeIfAbsent(owner, o -> new LinkedHashSet<>());
            if (room.size() >= ROOM_SIZE) {
                call.hop(board.now(), "conference", owner, "full: " + ROOM_SIZE + " participants");
                board.play(call.caller, "conference-full", Map.of("max", String.valueOf(ROOM_SIZE)));
                board.end(call, Disposition.REFUSED);
                return;
            }
            joined = call.caller;
            room.add(joined);
            board.send(new Command.Conference(board.tenant, joined.id, "room-" + owner));
            call.state = CallState.CONNECTED;
            call.answeredAt = board.now();
            call.users.add(owner);
            call.hop(board.now(), "conference", owner, "joined; " + room.size() + " in the room");
            board.changed(call);
        }

        @Override
        public void leave() {
            Timers.cancel(wait);
            if (joined != null) {
                rooms.get(owner).remove(joined);
            }
        }

        @Override
        public Disposition callerGone() {
            leave();
            return joined != null ? Disposition.CONFERENCE : Disposition.ABANDONED;
        }
    }
}
