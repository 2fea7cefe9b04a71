package no.sentral.datasource.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import no.sentral.api.health.HealthCheck;
import no.sentral.api.health.HealthStatus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides Sentral's {@link DataSource} service: a HikariCP pool on an embedded or external PostgreSQL.
 * The component itself is the {@code database} health check. A configuration that changes a setting restarts
 * the pool (and the embedded server) with it; one that changes nothing (the file read again, or the
 * configuration arriving with the defaults the component already started with) leaves them running.
 * <p>
 * Both services are registered by hand ({@code service = {}}): DS would copy the configuration, password
 * included, into the properties of a service it registers, where any shell user can list them.
 */
@Component(configurationPid = DataSourceComponent.PID, immediate = true, service = {})
@Designate(ocd = DataSourceConfig.class)
public class DataSourceComponent implements HealthCheck {

    static final String PID = "no.sentral.datasource";

    private static final Logger LOG = LoggerFactory.getLogger(DataSourceComponent.class);
    private static final int CHECK_TIMEOUT_SECONDS = 2;
    private static final int EXTERNAL_RETRY_SECONDS = 30;
    /** Long enough for a start in progress (initdb, orphan stop, a connect timeout) to finish first. */
    private static final int STOP_TIMEOUT_SECONDS = 60;

    /** What runs while the service is registered; closed in reverse order. */
    private record Running(EmbeddedDatabase embedded, HikariDataSource pool, ServiceRegistration<DataSource> registration) {
    }

    private BundleContext context;
    private volatile Settings settings;
    /** Starts, stops and health probes run here, one at a time, never on a framework thread. */
    private volatile ScheduledExecutorService executor;
    private volatile Running running;
    private volatile String unavailableReason = "starting";
    private ServiceRegistration<HealthCheck> healthRegistration;
    /** Only touched on the executor thread. */
    private boolean failedBefore;
    /** Only touched on the executor thread: a retry that comes due just after the stop must not start again. */
    private boolean stopped;

    @Activate
    void activate(BundleContext context, DataSourceConfig config) {
        this.context = context;
        healthRegistration = context.registerService(HealthCheck.class, this, null);
        try {
            settings = Settings.from(config, System.getProperty("karaf.data"));
        } catch (IllegalArgumentException e) {
            unavailableReason = "invalid configuration: " + e.getMessage();
            LOG.error("Sentral database not started, invalid configuration {}: {}", PID, e.getMessage());
            return;
        }
        // A restart by modified(): the previous executor is gone, this one starts afresh.
        stopped = false;
        failedBefore = false;
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sentral-datasource");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::start);
    }

    @Modified
    void modified(DataSourceConfig config) {
        Settings next;
        try {
            next = Settings.from(config, System.getProperty("karaf.data"));
        } catch (IllegalArgumentException e) {
            next = null;
        }
        if (next != null && next.equals(settings)) {
            return;
        }
        LOG.info("Sentral database configuration {} changed: restarting", PID);
        deactivate();
        activate(context, config);
    }

    @Deactivate
    void deactivate() {
        unregister(healthRegistration);
        ScheduledExecutorService executor = this.executor;
        if (executor == null) {
            return;
        }
        Future<?> stopped = executor.submit(this::stop);
        try {
            stopped.get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.error("Sentral database did not stop within {} s", STOP_TIMEOUT_SECONDS);
        } catch (ExecutionException e) {
            LOG.error("Sentral database did not stop cleanly", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Also drops a pending retry of an external connection.
            executor.shutdownNow();
            this.executor = null;
        }
    }

    private void start() {
        if (stopped) {
            return;
        }
        long startedAt = System.nanoTime();
        EmbeddedDatabase embedded = null;
        HikariDataSource pool = null;
        try {
            PGSimpleDataSource target;
            if (settings.mode() == Mode.EMBEDDED) {
                LOG.info("Starting Sentral database: {}", settings.describe());
                embedded = EmbeddedDatabase.start(settings.dataDirectory(), settings.workDirectory(), settings.port());
                target = embedded.dataSource();
            } else {
                target = externalTarget(settings);
            }
            pool = openPool(target, settings.poolSize());
            ServiceRegistration<DataSource> registration =
                    context.registerService(DataSource.class, pool, serviceProperties(settings.mode()));
            running = new Running(embedded, pool, registration);
            LOG.info("Sentral database ready: {}{}, pool size {}, started in {} ms", settings.describe(),
                    embedded == null ? "" : ", port " + embedded.port(), settings.poolSize(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(null, pool, embedded);
        } catch (Exception e) {
            close(null, pool, embedded);
            unavailableReason = "failed: " + reason(e);
            if (settings.mode() == Mode.EXTERNAL) {
                retryLater(e);
            } else {
                LOG.error("Sentral database failed to start ({}); the DataSource service is not available",
                        settings.describe(), e);
            }
        }
    }

    /** An external server may simply not be up yet when Sentral boots, so keep trying. */
    private void retryLater(Exception cause) {
        if (failedBefore) {
            LOG.warn("Sentral database still not reachable ({}): {}", settings.describe(), reason(cause));
        } else {
            LOG.error("Sentral database not reachable ({}); retrying every {} s", settings.describe(),
                    EXTERNAL_RETRY_SECONDS, cause);
            failedBefore = true;
        }
        executor.schedule(this::start, EXTERNAL_RETRY_SECONDS, TimeUnit.SECONDS);
    }

    private void stop() {
        stopped = true;
        Running stopping = running;
        running = null;
        unavailableReason = "stopped";
        if (stopping != null) {
            close(stopping.registration(), stopping.pool(), stopping.embedded());
            LOG.info("Sentral database stopped ({})", settings.describe());
        }
    }

    private static void close(ServiceRegistration<DataSource> registration, HikariDataSource pool,
                              EmbeddedDatabase embedded) {
        if (registration != null) {
            unregister(registration);
        }
        if (pool != null) {
            pool.close();
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (Exception e) {
                LOG.warn("Could not stop the embedded PostgreSQL", e);
            }
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyUnregistered) {
            // The framework unregisters a bundle's services itself when the bundle stops.
        }
    }

    private static PGSimpleDataSource externalTarget(Settings settings) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(settings.url());
        // A user or password written into the URL is kept unless configured separately.
        if (!settings.user().isEmpty()) {
            dataSource.setUser(settings.user());
        }
        if (!settings.password().isEmpty()) {
            dataSource.setPassword(settings.password());
        }
        return dataSource;
    }

    /**
     * The driver is handed over as a DataSource object, so Hikari never loads a driver class by name, which
     * would fail in OSGi: Hikari's bundle cannot see pgjdbc's classes.
     * Hikari opens a first connection here and throws if the database does not accept it.
     */
    private static HikariDataSource openPool(PGSimpleDataSource target, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("sentral");
        config.setDataSource(target);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    private static Dictionary<String, Object> serviceProperties(Mode mode) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("dataSourceName", "sentral");
        properties.put("sentral.datasource.mode", mode.value());
        properties.put("osgi.jdbc.driver.name", "postgresql");
        return properties;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthStatus check() {
        Running current = running;
        if (current == null) {
            return HealthStatus.down(unavailableReason);
        }
        // Run on the component's thread so a hung connection attempt (Hikari waits up to 30 s for one)
        // cannot hold the caller longer than the timeout.
        Future<String> version;
        try {
            version = executor.submit(() -> serverVersion(current.pool()));
        } catch (RejectedExecutionException e) {
            return HealthStatus.down("stopped");
        }
        try {
            return HealthStatus.up(settings.mode().value() + ", "
                    + version.get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            version.cancel(true);
            return HealthStatus.down("no answer within " + CHECK_TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return HealthStatus.down(reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HealthStatus.down("interrupted");
        }
    }

    private static String reason(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }

    /** {@code SELECT version()} proves the database answers, as {@code SELECT 1} would, and says which one. */
    private static String serverVersion(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
            try (ResultSet row = statement.executeQuery("SELECT version()")) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
