package no.sentral.datasource.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import no.sentral.api.health.HealthCheck;
import no.sentral.api.health.HealthStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The component outside OSGi: what it registers, when, and what its health check says. */
class DataSourceComponentTest {

    private final FakeBundleContext bundleContext = new FakeBundleContext();
    private final DataSourceComponent component = new DataSourceComponent();

    @AfterEach
    void clearKarafData() {
        System.clearProperty("karaf.data");
    }

    @Test
    void embeddedDatabaseIsOfferedOnceReadyAndStoppedOnDeactivate(@TempDir Path karafData) throws Exception {
        System.setProperty("karaf.data", karafData.toString());
        component.activate(bundleContext.context(), TestConfig.defaults());

        assertEquals(HealthStatus.down("starting"), component.check());
        assertEquals("database", ((HealthCheck) bundleContext.await(HealthCheck.class).service()).name());

        FakeBundleContext.Registration registration = bundleContext.await(DataSource.class);
        assertEquals("sentral", registration.properties().get("dataSourceName"));
        assertEquals("embedded", registration.properties().get("sentral.datasource.mode"));
        assertEquals("postgresql", registration.properties().get("osgi.jdbc.driver.name"));
        assertEquals("sentral", query((DataSource) registration.service(), "SELECT current_database()"));
        HealthStatus health = component.check();
        assertTrue(health.up(), health.detail());
        assertTrue(health.detail().startsWith("embedded, PostgreSQL 16"), health.detail());

        Path pidFile = karafData.resolve("postgresql/data/postmaster.pid");
        assertTrue(Files.exists(pidFile));
        component.deactivate();

        assertTrue(bundleContext.find(DataSource.class).isEmpty());
        assertTrue(bundleContext.find(HealthCheck.class).isEmpty());
        assertFalse(Files.exists(pidFile), "postgres stopped");
    }

    @Test
    void externalServerIsUsedAndLeftRunning(@TempDir Path data, @TempDir Path work) throws Exception {
        try (EmbeddedDatabase server = EmbeddedDatabase.start(data, work, 0)) {
            component.activate(bundleContext.context(), TestConfig.external(
                    "jdbc:postgresql://localhost:" + server.port() + "/sentral", "postgres", "unused-with-trust"));

            FakeBundleContext.Registration registration = bundleContext.await(DataSource.class);
            assertEquals("external", registration.properties().get("sentral.datasource.mode"));
            assertTrue(component.check().detail().startsWith("external, PostgreSQL 16"), component.check().detail());
            component.deactivate();

            assertEquals("1", query(server.dataSource(), "SELECT 1"));
        }
    }

    @Test
    void unreachableExternalServerIsReportedAndNotOffered() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        component.activate(bundleContext.context(), TestConfig.external(
                "jdbc:postgresql://localhost:" + closedPort + "/sentral", "sentral", "secret"));

        HealthStatus health = awaitNotStarting();
        assertFalse(health.up());
        assertTrue(health.detail().startsWith("failed: "), health.detail());
        assertFalse(health.detail().contains("secret"), health.detail());
        assertTrue(bundleContext.find(DataSource.class).isEmpty());
        component.deactivate();
        assertTrue(bundleContext.find(HealthCheck.class).isEmpty());
    }

    /** A configuration that arrives with the values the component already runs with changes nothing. */
    @Test
    void sameConfigurationKeepsTheDatabaseAndAChangedOneRestartsIt(@TempDir Path karafData) throws Exception {
        System.setProperty("karaf.data", karafData.toString());
        component.activate(bundleContext.context(), TestConfig.defaults());
        Object first = bundleContext.await(DataSource.class).service();

        component.modified(TestConfig.defaults());
        assertSame(first, bundleContext.find(DataSource.class).orElseThrow().service());

        component.modified(TestConfig.defaults().withPoolSize(3));
        Object second = awaitAnother(first);
        assertEquals("3", query((DataSource) second, "SELECT 3"));
        assertEquals(3, ((HikariDataSource) second).getMaximumPoolSize());
        assertTrue(component.check().up(), component.check().detail());
        component.deactivate();
    }

    @Test
    void invalidConfigurationIsReportedByTheHealthCheck() {
        component.activate(bundleContext.context(), TestConfig.defaults().withMode("h2"));

        HealthStatus health = component.check();
        assertFalse(health.up());
        assertTrue(health.detail().startsWith("invalid configuration: mode must be"), health.detail());
        component.deactivate();
    }

    private Object awaitAnother(Object previous) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Object current = bundleContext.find(DataSource.class).map(FakeBundleContext.Registration::service)
                    .orElse(null);
            if (current != null && current != previous) {
                return current;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no new DataSource after 30 s");
    }

    private HealthStatus awaitNotStarting() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            HealthStatus health = component.check();
            if (!health.detail().equals("starting")) {
                return health;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("still starting after 30 s");
    }

    private static String query(DataSource dataSource, String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            assertTrue(row.next());
            return row.getString(1);
        }
    }
}
