package no.sentral.events.internal;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.sentral.api.spi.jdbc.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code platform_event_consumed} from growing forever: once an hour it forgets what
 * consumers handled more than {@value #KEEP_DAYS} days ago. Redeliveries come within minutes;
 * a week covers a consumer stopped over a long weekend and restarted with its backlog.
 */
@Component(immediate = true)
public class ConsumedEventsJanitor {

    static final int KEEP_DAYS = 7;
    private static final Logger LOG = LoggerFactory.getLogger(ConsumedEventsJanitor.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sentral-consumed-events-janitor");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ConsumedEventsJanitor(@Reference Database database) {
        JdbcConsumedEvents consumed = JdbcConsumedEvents.migrated(database);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                int purged = consumed.purgeOlderThan(KEEP_DAYS);
                if (purged > 0) {
                    LOG.info("forgot {} consumed-event records older than {} days", purged, KEEP_DAYS);
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warn("could not purge consumed-event records: {}", e.toString());
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
    }
}
