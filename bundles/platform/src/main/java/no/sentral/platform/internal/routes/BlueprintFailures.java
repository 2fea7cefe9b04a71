package no.sentral.platform.internal.routes;

import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.service.blueprint.container.BlueprintEvent;
import org.osgi.service.blueprint.container.BlueprintListener;
import org.osgi.service.component.annotations.Component;

/**
 * Remembers Blueprint files (and bundles) whose container failed, with the cause, so that
 * {@code sentral:status} can show a broken file dropped into deploy/ while everything else runs.
 */
@Component(service = {BlueprintListener.class, BlueprintFailures.class})
public class BlueprintFailures implements BlueprintListener {

    private final Map<String, String> failures = new TreeMap<>();

    @Override
    public void blueprintEvent(BlueprintEvent event) {
        Bundle bundle = event.getBundle();
        String key = bundle.getSymbolicName() + " (" + bundle.getLocation() + ")";
        synchronized (failures) {
            switch (event.getType()) {
                case BlueprintEvent.FAILURE -> failures.put(key, event.getCause() == null ? "failed"
                        : event.getCause().getClass().getSimpleName() + ": " + event.getCause().getMessage());
                case BlueprintEvent.CREATED, BlueprintEvent.DESTROYED -> failures.remove(key);
                default -> {
                }
            }
        }
    }

    public Map<String, String> failures() {
        synchronized (failures) {
            return Map.copyOf(failures);
        }
    }
}
