package no.sentral.switchboard.internal.engine;

import java.time.Duration;
import java.util.Map;
import no.sentral.switchboard.internal.config.Destination;
import no.sentral.switchboard.internal.config.MenuConfig;

/**
 * A caller in an IVR menu (PBX-03): the prompt plays, a key chooses where the call goes, a wrong key
 * repeats the prompt up to the menu's limit, and silence or too many wrong keys take the fallback.
 */
final class MenuStep implements Call.Step {

    private final Board board;
    private final Call call;
    private final MenuConfig menu;
    private int invalid;
    private Timers.Timer timeout;

    private MenuStep(Board board, Call call, MenuConfig menu) {
        this.board = board;
        this.call = call;
        this.menu = menu;
    }

    static void start(Board board, Call call, MenuConfig menu) {
        call.hop(board.now(), "menu", menu.id(), null);
        call.state = CallState.IN_IVR;
        board.answerCaller(call);
        MenuStep step = new MenuStep(board, call, menu);
        step.timeout = step.prompt();
        call.step = step;
        board.changed(call);
    }

    private Timers.Timer prompt() {
        board.play(call.caller, menu.prompt(), Map.of());
        return board.timer(Duration.ofSeconds(menu.timeoutSeconds()), () -> {
            call.hop(board.now(), "menu", menu.id(), "no choice");
            board.routing.route(call, menu.fallback());
        });
    }

    @Override
    public void digit(char digit) {
        String key = String.valueOf(digit);
        Destination chosen = menu.options().get(key);
        if (chosen != null) {
            call.hop(board.now(), "menu", menu.id(), "pressed " + key);
            board.routing.route(call, chosen);
            return;
        }
        Timers.cancel(timeout);
        if (++invalid >= menu.maxInvalid()) {
            call.hop(board.now(), "menu", menu.id(), "pressed " + key + ", too many wrong keys");
            board.routing.route(call, menu.fallback());
            return;
        }
        call.hop(board.now(), "menu", menu.id(), "pressed " + key + ", not a choice");
        board.play(call.caller, menu.invalidPrompt(), Map.of());
        timeout = prompt();
    }

    @Override
    public void leave() {
        Timers.cancel(timeout);
    }
}
