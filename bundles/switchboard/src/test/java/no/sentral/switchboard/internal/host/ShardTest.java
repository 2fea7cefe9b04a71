package no.sentral.switchboard.internal.host;

import static no.sentral.switchboard.internal.config.Destination.Type.QUEUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import no.sentral.api.telephony.CallRecord;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Signal;
import no.sentral.switchboard.internal.config.Availability;
import no.sentral.switchboard.internal.config.Strategy;
import no.sentral.switchboard.internal.engine.EngineListener;
import no.sentral.switchboard.internal.engine.Plan;
import no.sentral.switchboard.internal.engine.Visit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shard (issue 11 section 3): a step is atomic with respect to the engine's state, whatever the
 * adapter does with its commands, and tasks from many threads are neither lost nor reordered.
 */
class ShardTest {

    private static final String T = "acme";
    private static final String CALLER = "+4741000001";

    private final List<Command> carried = new CopyOnWriteArrayList<>();
    private final List<CallRecord> ended = new CopyOnWriteArrayList<>();
    private Shard shard;

    @AfterEach
    void tearDown() throws InterruptedException {
        if (shard != null) {
            shard.stop();
        }
    }

    /** A shard whose network refuses ({@code false}) or fails on (throws) the commands {@code refuse} picks. */
    private Shard shard(Predicate<Command> refuse, boolean throwing) {
        Shard.Network network = command -> {
            if (refuse.test(command)) {
                if (throwing) {
                    throw new IllegalStateException("adapter broke on " + command);
                }
                return false;
            }
            carried.add(command);
            return true;
        };
        shard = new Shard(0, Clock.systemUTC(), network, s -> new EngineListener() {
            @Override
            public void callEnded(CallRecord record, List<Visit> visits) {
                ended.add(record);
            }
        });
        shard.ask(engine -> {
            engine.configure(T, Plan.withUsers(1).main(Plan.to(QUEUE, "q")).queue(Plan.queue("q", Strategy.LINEAR))
                    .build(), 1);
            engine.login(T, "q", "u1");
            engine.setAvailability(T, "u1", Availability.AVAILABLE);
            return null;
        });
        return shard;
    }

    private void awaitNoCalls() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (shard.ask(e -> e.liveCalls()) > 0) {
            if (System.nanoTime() > until) {
                throw new AssertionError("calls still live: " + shard.ask(e -> e.calls(T)));
            }
            Thread.sleep(10);
        }
    }

    private void assertAStepCompletedDespiteTheAdapter() throws InterruptedException {
        shard.run(engine -> engine.signal(new Signal.Inbound(T, "in-1", CALLER, Plan.MAIN)));
        awaitNoCalls();
        assertThat(carried).as("the commands after the failed one were carried: the step ran to its end")
                .anySatisfy(c -> assertThat(c).isInstanceOf(Command.Ring.class));
        assertThat(carried).as("the agent's ring is withdrawn when the caller's leg is lost")
                .anySatisfy(c -> assertThat(c).isInstanceOf(Command.Cancel.class));
        assertEquals(1, ended.size());
        assertEquals(CallRecord.Disposition.ABANDONED, ended.get(0).disposition());
        assertEquals(List.of(), shard.ask(e -> e.calls(T)));
        assertEquals("free", shard.ask(e -> e.agent(T, "u1")).state(), "the agent is free again");
    }

    @Test
    void anAdapterThatThrowsMidStepCannotLeaveTheCompanyHalfUpdated() throws InterruptedException {
        shard(c -> c instanceof Command.Answer, true);
        assertAStepCompletedDespiteTheAdapter();
    }

    @Test
    void anAdapterThatIsGoneHasTheLegsItCouldNotAnswerEnded() throws InterruptedException {
        shard(c -> c instanceof Command.Answer, false);
        assertAStepCompletedDespiteTheAdapter();
    }

    @Test
    void aRingTheAdapterCannotCarryIsLeftToTheRingTimeout() throws InterruptedException {
        shard(c -> c instanceof Command.Ring, true);
        shard.run(engine -> engine.signal(new Signal.Inbound(T, "in-1", CALLER, Plan.MAIN)));
        assertEquals(1, (int) shard.ask(e -> e.liveCalls()), "the caller waits in the queue");
        assertThat(shard.ask(e -> e.queues(T)).get(0).calls()).singleElement()
                .satisfies(w -> assertThat(w.offered()).isTrue());
    }

    @Test
    void tasksFromManyThreadsAreAllRunInTheOrderEachThreadGaveThem() throws Exception {
        shard(c -> false, false);
        int threads = 8;
        int each = 5_000;
        List<int[]> seen = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread submitter = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    int n = i;
                    if (n % 1000 == 0) {
                        shard.ask(engine -> seen.add(new int[] {thread, n}));
                    } else {
                        shard.run(engine -> seen.add(new int[] {thread, n}));
                    }
                }
            });
            submitter.start();
            submitters.add(submitter);
        }
        start.countDown();
        for (Thread s : submitters) {
            s.join(60_000);
        }
        int total = shard.ask(engine -> seen.size());
        assertEquals(threads * each, total, "no task lost");
        int[] next = new int[threads];
        for (int[] s : shard.ask(engine -> List.copyOf(seen))) {
            assertEquals(next[s[0]]++, s[1], "thread " + s[0] + "'s tasks in the order given");
        }
    }
}
