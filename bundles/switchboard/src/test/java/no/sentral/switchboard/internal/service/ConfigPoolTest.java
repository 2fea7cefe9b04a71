package no.sentral.switchboard.internal.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.Organisation;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.persistence.internal.JdbcTransactions;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import no.sentral.persistence.internal.testing.TestPostgres;
import no.sentral.switchboard.internal.config.Kind;
import no.sentral.switchboard.internal.store.CallbackStore;
import no.sentral.switchboard.internal.store.Json;
import no.sentral.switchboard.internal.store.SwitchboardDatabase;
import no.sentral.switchboard.internal.testing.FixedOrganisation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Set-up writes do not hold one pool connection while taking another (issue 11 section 3): 20 writes at
 * once over a pool of 10 connections complete. The organisation reads through the same pool, as the
 * real one does, so a write that read it inside its transaction would starve the pool.
 */
class ConfigPoolTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private static final int POOL = 10;
    private static final int WRITERS = 20;

    private HikariDataSource pool;
    private ConfigService configs;

    @BeforeEach
    void setUp() throws Exception {
        DataSource db = postgres.freshDatabase();
        String url;
        String user;
        try (Connection c = db.getConnection()) {
            url = c.getMetaData().getURL();
            user = c.getMetaData().getUserName();
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setMaximumPoolSize(POOL);
        config.setConnectionTimeout(5_000);
        pool = new HikariDataSource(config);
        ClasspathDatabase platform = new ClasspathDatabase(pool);
        SwitchboardDatabase database = new SwitchboardDatabase(platform);
        configs = new ConfigService(database, new JdbcTransactions(platform, () -> { }, Clock.systemUTC()),
                organisation(), new CallbackStore(database));
    }

    @AfterEach
    void tearDown() {
        pool.close();
    }

    /** An organisation of one employee that reads its tables through the pool, slowly enough for writes to overlap. */
    private Organisation organisation() {
        return new FixedOrganisation(List.of(new Employee("e1", "d1", "Kari", null, "+4790000001", null, "nb", null,
                "kari", false, 1)), List.of(), this::slowRead);
    }

    private void slowRead() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_sleep(0.05)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twentyConcurrentSetUpWritesOverAPoolOfTenComplete() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            String tenant = "company-" + (i % 2);
            String queue = "q" + i;
            SentralPrincipal admin = new SentralPrincipal("admin@" + tenant, tenant, EnumSet.of(Role.COMPANY_ADMIN),
                    Set.of(), false);
            writes.add(threads.submit(() -> {
                start.await();
                configs.put(admin, Kind.QUEUE, queue, Json.MAPPER.readTree("{\"name\":\"" + queue + "\"}"), null);
                return configs.assemble(tenant);
            }));
        }
        start.countDown();
        for (Future<?> w : writes) {
            w.get(60, TimeUnit.SECONDS);
        }
        threads.shutdown();
        assertThat(configs.list("company-0", Kind.QUEUE)).hasSize(WRITERS / 2);
        assertThat(configs.list("company-1", Kind.QUEUE)).hasSize(WRITERS / 2);
    }
}
