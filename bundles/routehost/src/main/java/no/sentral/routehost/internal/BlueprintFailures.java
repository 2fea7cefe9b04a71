package no.sentral.routehost.internal;

import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.blueprint.container.BlueprintEvent;
import org.osgi.service.blueprint.container.BlueprintListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Knows which files dropped into deploy/ are broken, so that {@code sentral:status} can show them
 * while everything else runs: Blueprint containers that failed (with the cause), and bundles made
 * from deploy/ files that could not even be resolved (e.g. a class from a package nobody exports).
 */
@Component(service = {BlueprintListener.class, BlueprintFailures.class})
public class BlueprintFailures implements BlueprintListener {

    private final Map<Long, String> failures = new TreeMap<>();
    private final BundleContext context;

    @Activate
    public BlueprintFailures(BundleContext context) {
        this.context = context;
    }

    @Override
    public void blueprintEvent(BlueprintEvent event) {
        long id = event.getBundle().getBundleId();
        synchronized (failures) {
            switch (event.getType()) {
                case BlueprintEvent.FAILURE -> failures.put(id, event.getCause() == null ? "failed"
                        : event.getCause().getClass().getSimpleName() + ": " + event.getCause().getMessage());
                case BlueprintEvent.CREATED, BlueprintEvent.DESTROYED -> failures.remove(id);
                default -> {
                }
            }
        }
    }

    /** Broken deployments by "name (location)" with the reason. */
    public Map<String, String> failures() {
        Map<String, String> result = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            String reason;
            synchronized (failures) {
                reason = failures.get(bundle.getBundleId());
            }
            boolean fromDeploy = bundle.getLocation().contains("/deploy/");
            if (reason == null && fromDeploy && bundle.getState() == Bundle.INSTALLED) {
                reason = "not resolved: a package or service it needs is missing (bundle:diag "
                        + bundle.getBundleId() + ")";
            }
            if (reason != null) {
                result.put(bundle.getSymbolicName() + " (" + bundle.getLocation() + ")", reason);
            }
        }
        return result;
    }
}
