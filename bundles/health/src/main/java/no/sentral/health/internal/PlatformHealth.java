package no.sentral.health.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import no.sentral.api.health.HealthCheck;
import no.sentral.api.health.HealthReport;
import no.sentral.api.health.HealthStatus;
import no.sentral.api.health.SystemHealth;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@link SystemHealth}: runs every registered {@link HealthCheck} (each with a time limit, in
 * parallel, so one hanging dependency cannot hang the report) and reports every Sentral bundle.
 */
@Component(service = SystemHealth.class)
public class PlatformHealth implements SystemHealth {

    static final String SENTRAL_BUNDLE_PREFIX = "sentral-";
    private static final long CHECK_TIMEOUT_MILLIS = 3_000;

    private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
    private final BundleContext context;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sentral-health");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock = Clock.systemUTC();

    @Activate
    public PlatformHealth(BundleContext context) {
        this.context = context;
    }

    @Deactivate
    void stop() {
        executor.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCheck(HealthCheck check) {
        checks.add(check);
    }

    void removeCheck(HealthCheck check) {
        checks.remove(check);
    }

    @Override
    public HealthReport report() {
        List<HealthReport.Item> items = new ArrayList<>();
        List<HealthCheck> current = List.copyOf(checks);
        List<Future<HealthStatus>> results = new ArrayList<>();
        for (HealthCheck check : current) {
            results.add(executor.submit(check::check));
        }
        for (int i = 0; i < current.size(); i++) {
            HealthStatus status;
            try {
                status = results.get(i).get(CHECK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                results.get(i).cancel(true);
                status = HealthStatus.down("no answer within " + CHECK_TIMEOUT_MILLIS + " ms: " + e);
            }
            items.add(new HealthReport.Item("check", current.get(i).name(), status.up(), status.detail()));
        }
        items.sort((a, b) -> a.name().compareTo(b.name()));
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith(SENTRAL_BUNDLE_PREFIX)) {
                boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
                boolean up = bundle.getState() == Bundle.ACTIVE || fragment && bundle.getState() == Bundle.RESOLVED;
                items.add(new HealthReport.Item("bundle", name, up, state(bundle.getState()) + " " + bundle.getVersion()));
            }
        }
        boolean up = !items.isEmpty() && items.stream().allMatch(HealthReport.Item::up);
        return new HealthReport(up, clock.instant(), items);
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.ACTIVE -> "Active";
            case Bundle.RESOLVED -> "Resolved";
            case Bundle.INSTALLED -> "Installed";
            case Bundle.STARTING -> "Starting";
            case Bundle.STOPPING -> "Stopping";
            default -> "Uninstalled";
        };
    }
}
