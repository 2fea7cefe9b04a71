package no.sentral.switchboard.internal.engine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import no.sentral.api.failure.DomainException;
import no.sentral.api.telephony.CallControl;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Signal;
import no.sentral.switchboard.internal.config.Availability;
import no.sentral.switchboard.internal.config.Destination;
import no.sentral.switchboard.internal.config.SwitchboardConfig;

/**
 * The call-control engine: every company's live switchboard, driven by signals from the network,
 * operator actions and its own timers. Plain Java and single-threaded: the caller makes sure only one
 * thread at a time calls it (the OSGi host runs each shard of companies on its own thread). Time comes
 * from the injected clock and chance from the injected generator, so a test replays a day exactly.
 */
public final class Engine implements CallControl {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final Clock clock;
    private final RandomGenerator random;
    private final Consumer<Command> network;
    private final EngineListener listener;
    private final Timers timers = new Timers();
    private final Map<String, Board> boards = new HashMap<>();
    /** The version of the set-up each company runs. */
    private final Map<String, Long> versions = new HashMap<>();
    /** Today in Oslo, recomputed only when the clock passes midnight (counters ask for it on every call). */
    private LocalDate today;
    private Instant tomorrow = Instant.MIN;

    public Engine(Clock clock, RandomGenerator random, Consumer<Command> network, EngineListener listener) {
        this.clock = clock;
        this.random = random;
        this.network = network;
        this.listener = listener;
    }

    Instant now() {
        Instant firing = timers.firing();
        return firing != null ? firing : clock.instant();
    }

    LocalDate today() {
        Instant now = now();
        if (!now.isBefore(tomorrow) || now.isBefore(tomorrow.minus(java.time.Duration.ofHours(25)))) {
            today = LocalDate.ofInstant(now, OSLO);
            tomorrow = today.plusDays(1).atStartOfDay(OSLO).toInstant();
        }
        return today;
    }

    Timers timers() {
        return timers;
    }

    RandomGenerator random() {
        return random;
    }

    EngineListener listener() {
        return listener;
    }

    void send(Command command) {
        network.accept(command);
    }

    String newId() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /**
     * Puts a company's set-up of {@code version} in force, unless one of a higher version is already: set-ups
     * read concurrently may arrive out of order, and an older one must never replace a newer. Calls in
     * progress continue under it. Returns whether it was put in force.
     */
    public boolean configure(String tenant, SwitchboardConfig config, long version) {
        Long current = versions.get(tenant);
        if (current != null && current >= version) {
            return false;
        }
        versions.put(tenant, version);
        boards.computeIfAbsent(tenant, t -> new Board(this, t)).configure(config);
        return true;
    }

    /** Calls in progress in all companies of this engine (callbacks waiting included). */
    public int liveCalls() {
        return boards.values().stream().mapToInt(Board::callCount).sum();
    }

    public boolean serves(String tenant) {
        return boards.containsKey(tenant);
    }

    /** Handles one signal, after any timer that was due before it. A company the engine does not serve gets its calls hung up. */
    @Override
    public void signal(Signal signal) {
        advance();
        Board board = boards.get(signal.tenant());
        if (board != null) {
            board.signal(signal);
        } else if (signal instanceof Signal.Inbound i) {
            send(new Command.Hangup(i.tenant(), i.leg(), "no switchboard for company " + i.tenant()));
        } else if (signal instanceof Signal.Outbound o) {
            send(new Command.Hangup(o.tenant(), o.leg(), "no switchboard for company " + o.tenant()));
        }
    }

    /** Fires the timers that are due by the clock. */
    public void advance() {
        timers.fireDue(clock.instant());
    }

    /** When {@link #advance} next has something to do. */
    public Optional<Instant> nextTimer() {
        return timers.next();
    }

    private Board board(String tenant) {
        Board board = boards.get(tenant);
        if (board == null) {
            throw DomainException.notFound("switchboard of company " + tenant);
        }
        return board;
    }

    // ---- actions of operators and users; each throws a DomainException on a call that ended or is elsewhere

    public void setAvailability(String tenant, String user, Availability availability) {
        board(tenant).actions.setAvailability(user, availability);
    }

    public void login(String tenant, String queue, String user) {
        board(tenant).actions.login(queue, user);
    }

    public void logout(String tenant, String queue, String user) {
        board(tenant).actions.logout(queue, user);
    }

    /** An operator answers a waiting or held call, or gives it to a colleague (SB-07). */
    public void take(String tenant, String call, String user) {
        board(tenant).actions.take(call, user);
    }

    public void transfer(String tenant, String call, Destination to) {
        board(tenant).actions.transfer(call, to);
    }

    public void consult(String tenant, String call, Destination to) {
        board(tenant).actions.consult(call, to);
    }

    public void completeTransfer(String tenant, String call) {
        board(tenant).actions.completeTransfer(call);
    }

    public void cancelTransfer(String tenant, String call) {
        board(tenant).actions.cancelTransfer(call);
    }

    public void hold(String tenant, String call) {
        board(tenant).actions.hold(call);
    }

    /** Click to dial (PBX-14); returns the new call's id. */
    public String clickToDial(String tenant, String user, String number) {
        return board(tenant).actions.clickToDial(user, number).id;
    }

    /** Ends every call in progress with its CDR, except the callbacks waiting, which are kept for the next start. */
    public void stop() {
        boards.values().forEach(Board::stop);
    }

    /** The outcome of saving a callback a caller asked for ({@link EngineListener#callbackRequested}). */
    public void callbackStored(String tenant, String call, long request, boolean stored) {
        advance();
        Board board = boards.get(tenant);
        if (board != null) {
            board.callbackStored(call, request, stored);
        }
    }

    /** Puts a persisted callback back in its queue at its old place (after a restart). */
    public void restoreCallback(PendingCallback callback) {
        board(callback.tenant()).restoreCallback(callback);
    }

    // ---- views

    public List<CallView> calls(String tenant) {
        return board(tenant).calls();
    }

    public List<Views.Figures> queues(String tenant) {
        return board(tenant).queueFigures();
    }

    public List<Views.Figures> groups(String tenant) {
        return board(tenant).groupFigures();
    }

    public List<Views.Agent> agents(String tenant) {
        return board(tenant).agents();
    }

    public Views.Agent agent(String tenant, String user) {
        return board(tenant).agent(user);
    }

    /** The live figures of one queue, answer group or agent, as {@code sentral.switchboard.stats} carries them. */
    public Object figures(String tenant, Visit.Kind kind, String id) {
        Board board = board(tenant);
        return switch (kind) {
            case QUEUE -> board.queue(id).figures();
            case GROUP -> board.groupFigures(id);
            case AGENT -> board.agent(id);
        };
    }

    /** The employee id of a login, if the company's switchboard knows them. */
    public Optional<String> userOf(String tenant, String username) {
        Board board = boards.get(tenant);
        return board == null ? Optional.empty()
                : board.config.userByUsername(username).map(no.sentral.switchboard.internal.config.UserConfig::id);
    }

    public int conferenceSize(String tenant, String owner) {
        return board(tenant).conferences.size(owner);
    }
}
