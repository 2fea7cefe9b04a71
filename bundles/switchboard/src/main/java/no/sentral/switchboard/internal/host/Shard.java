package no.sentral.switchboard.internal.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import no.sentral.api.failure.DomainException;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Signal;
import no.sentral.switchboard.internal.engine.Engine;
import no.sentral.switchboard.internal.engine.EngineListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine and the one thread that drives it: signals, operator actions and the engine's timers all
 * run as tasks on that thread, so the engine needs no locks. Companies are spread over shards by id.
 *
 * <p>Each task is a step the engine takes whole: the commands it gives are collected and carried to the
 * network only after it, so an adapter that throws (or is gone) cannot stop the engine half-way through
 * a change. A command that could not be carried comes back to the engine as a signal in a later task
 * ({@link #lost}).
 */
final class Shard {

    /** Carries a command to the telephone network: false when no network is connected; throws when the adapter fails. */
    @FunctionalInterface
    interface Network {
        boolean carry(Command command);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Shard.class);
    private static final long ASK_TIMEOUT_SECONDS = 10;

    private final ScheduledExecutorService thread;
    private final Engine engine;
    private final Clock clock;
    private final Network network;
    /** Commands of the step running now, carried when it ends. */
    private final List<Command> outbox = new ArrayList<>();
    /** When the signal the engine is handling now arrived (0 outside signals); read by the listener on this thread. */
    private long signalNanos;
    private ScheduledFuture<?> wake;
    private Instant wakeAt;

    Shard(int index, Clock clock, Network network, Function<Shard, EngineListener> listener) {
        this.clock = clock;
        this.network = network;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sentral-switchboard-" + index);
            t.setDaemon(true);
            return t;
        });
        this.engine = new Engine(clock, new SplittableRandom(), outbox::add, listener.apply(this));
    }

    /**
     * Runs work on the engine's thread, later; a failure is logged and never stops the shard. Work for
     * a stopped shard (a signal from an adapter that has not noticed the restart yet) is dropped.
     */
    void run(Consumer<Engine> work) {
        long arrived = System.nanoTime();
        try {
            thread.execute(() -> {
                signalNanos = arrived;
                try {
                    work.accept(engine);
                } catch (RuntimeException e) {
                    LOG.error("switchboard engine task failed", e);
                } finally {
                    signalNanos = 0;
                    carry();
                    rearm();
                }
            });
        } catch (RejectedExecutionException stopped) {
            LOG.debug("switchboard stopped; work dropped");
        }
    }

    /** Runs work on the engine's thread and waits for its answer; problems (404, 409, ...) reach the caller as they are. */
    <T> T ask(Function<Engine, T> work) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        thread.execute(() -> {
            try {
                answer.complete(work.apply(engine));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            } finally {
                carry();
                rearm();
            }
        });
        try {
            return answer.get(ASK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DomainException.unavailable("switchboard-busy", "Switchboard busy", "interrupted");
        } catch (TimeoutException e) {
            throw DomainException.unavailable("switchboard-busy", "Switchboard busy",
                    "the switchboard did not answer within " + ASK_TIMEOUT_SECONDS + " s");
        }
    }

    /** Schedules the next wake-up at the engine's earliest timer, if that is sooner than the one set. */
    private void rearm() {
        Optional<Instant> next = engine.nextTimer();
        if (next.isEmpty() || wakeAt != null && !next.get().isBefore(wakeAt)) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        wakeAt = next.get();
        long delay = Math.max(0, Duration.between(clock.instant(), wakeAt).toMillis());
        wake = thread.schedule(() -> {
            wakeAt = null;
            wake = null;
            try {
                engine.advance();
            } catch (RuntimeException e) {
                LOG.error("switchboard timer failed", e);
            } finally {
                carry();
                rearm();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Carries the step's commands; those the network did not take are told to the engine as signals. */
    private void carry() {
        if (outbox.isEmpty()) {
            return;
        }
        List<Command> step = List.copyOf(outbox);
        outbox.clear();
        for (Command command : step) {
            boolean carried;
            try {
                carried = network.carry(command);
            } catch (RuntimeException e) {
                LOG.warn("the telephony adapter failed on {}: {}", command, e.toString());
                carried = false;
            }
            if (!carried) {
                lost(command).ifPresent(signal -> run(engine -> engine.signal(signal)));
            }
        }
    }

    /**
     * What the engine hears of a command the network did not take. A leg that could not be answered,
     * bridged, held, conferenced or sent to voicemail is as good as gone: its party hung up. A ring not
     * carried is left to the offer's ring timeout (an immediate failure would have the engine ring again
     * at once, round and round while the adapter fails); a prompt not played, or a leg not cancelled or
     * hung up, changes nothing the engine keeps.
     */
    static Optional<Signal> lost(Command command) {
        if (command instanceof Command.Ring || command instanceof Command.Play || command instanceof Command.Cancel
                || command instanceof Command.Hangup) {
            return Optional.empty();
        }
        return Optional.of(new Signal.HungUp(command.tenant(), command.leg()));
    }

    long signalNanos() {
        return signalNanos;
    }

    void stop() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }
}
