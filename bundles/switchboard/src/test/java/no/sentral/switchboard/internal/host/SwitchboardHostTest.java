package no.sentral.switchboard.internal.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Signal;
import no.sentral.persistence.internal.JdbcTransactions;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import no.sentral.persistence.internal.testing.TestPostgres;
import no.sentral.switchboard.internal.config.Kind;
import no.sentral.switchboard.internal.service.ConfigService;
import no.sentral.switchboard.internal.store.AgentStore;
import no.sentral.switchboard.internal.store.CallbackStore;
import no.sentral.switchboard.internal.store.CdrWriter;
import no.sentral.switchboard.internal.store.Json;
import no.sentral.switchboard.internal.store.SwitchboardDatabase;
import no.sentral.switchboard.internal.testing.FixedOrganisation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host under concurrency (issue 11 section 3): many threads send signals for several companies
 * while others reload their set-ups; no signal is lost and each company's signals keep their order
 * (a hang-up overtaking its call's arrival would leave the call live forever).
 */
class SwitchboardHostTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private static final List<String> COMPANIES = List.of("acme", "globex", "initech", "umbrella");
    private static final String MAIN = "+4722000000";
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 300;

    @TempDir
    Path journal;
    private DataSource db;
    private ConfigService configs;
    private CdrWriter cdrs;
    private SwitchboardHost host;
    private final AtomicLong answers = new AtomicLong();

    private static SwitchboardHost.Config config() {
        return new SwitchboardHost.Config() {
            @Override
            public int shards() {
                return 2;
            }

            @Override
            public int liveEventCapacity() {
                return 1_000_000;
            }

            @Override
            public int publisherThreads() {
                return 2;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return SwitchboardHost.Config.class;
            }
        };
    }

    /** Takes events and drops them: the broker is not what this test is about. */
    private static final class Discard implements EventPublisher {
        @Override
        public CloudEvent publish(EventAddress address, String tenant, String subject, Object data) {
            return null;
        }

        @Override
        public void publish(CloudEvent event) {
        }

        @Override
        public void publishBatch(List<Draft> events) {
        }

        @Override
        public void publishAll(List<CloudEvent> events) {
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        db = postgres.freshDatabase();
        ClasspathDatabase platform = new ClasspathDatabase(db);
        SwitchboardDatabase database = new SwitchboardDatabase(platform);
        JdbcTransactions transactions = new JdbcTransactions(platform, () -> { }, Clock.systemUTC());
        CallbackStore callbacks = new CallbackStore(database);
        configs = new ConfigService(database, transactions, new FixedOrganisation(List.of(), List.of()), callbacks);
        for (String tenant : COMPANIES) {
            SentralPrincipal admin = new SentralPrincipal("admin@" + tenant, tenant, EnumSet.of(Role.COMPANY_ADMIN),
                    Set.of(), false);
            configs.put(admin, Kind.QUEUE, "support", Json.MAPPER.readTree("{\"name\":\"Support\"}"), null);
            configs.put(admin, Kind.MENU, "main", Json.MAPPER.readTree(
                    "{\"prompt\":\"p\",\"fallback\":{\"type\":\"queue\",\"target\":\"support\"}}"), null);
            configs.put(admin, Kind.NUMBER, MAIN, Json.MAPPER.readTree(
                    "{\"destination\":{\"type\":\"menu\",\"target\":\"main\"},\"main\":true}"), null);
        }
        cdrs = new CdrWriter(transactions, journal);
        host = new SwitchboardHost(configs, callbacks, new AgentStore(database, transactions), cdrs, new Discard(),
                config());
        host.addAdapter(new AdaptersTest.Objects("test", 1, command -> {
            if (command instanceof Command.Answer) {
                answers.incrementAndGet();
            }
        }));
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        host.stop();
        cdrs.stop();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 60 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void signalsFromManyThreadsWhileSetUpsReloadAreNeitherLostNorReordered() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                await(start);
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    String tenant = COMPANIES.get((thread + i) % COMPANIES.size());
                    String leg = "leg-" + thread + "-" + i;
                    host.signal(new Signal.Inbound(tenant, leg, "+47410" + String.format("%05d", i), MAIN));
                    host.signal(new Signal.Digit(tenant, leg, '7'));
                    host.signal(new Signal.HungUp(tenant, leg));
                }
            }));
        }
        Thread reloader = new Thread(() -> {
            await(start);
            for (int i = 0; i < 40; i++) {
                String tenant = COMPANIES.get(i % COMPANIES.size());
                if (i % 2 == 0) {
                    host.reload(tenant);
                } else {
                    host.reloadSoon(tenant);
                }
            }
        });
        threads.add(reloader);
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : threads) {
            t.join(120_000);
        }
        int calls = THREADS * CALLS_PER_THREAD;
        await("every call ended", () -> host.status().liveCalls() == 0);
        assertEquals(calls, answers.get(), "every call was answered for its menu");
        await("every CDR written", () -> cdrs.backlog() == 0);
        assertThat(TestPostgres.column(db, "SELECT disposition || ' ' || count(*) FROM sb_cdr GROUP BY disposition"))
                .containsExactly("ABANDONED " + calls);
        assertThat(TestPostgres.column(db, "SELECT count(*) FROM sb_cdr WHERE path::text LIKE '%pressed 7%'"))
                .as("each call's key reached it between its arrival and its hang-up").containsExactly(String.valueOf(calls));
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
