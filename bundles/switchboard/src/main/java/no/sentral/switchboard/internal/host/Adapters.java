package no.sentral.switchboard.internal.host;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import no.sentral.api.telephony.TelephonyAdapter;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * The telephony adapters bound to the engine, the one bound last first (it carries the commands).
 * An adapter's object is fetched when it is first used, not when its service is bound: an adapter
 * references {@code CallControl}, so fetching it while the host is still being created would create
 * the two inside each other, a circular reference that SCR refuses with an error before it retries.
 */
final class Adapters {

    private static final class Bound {
        private final ComponentServiceObjects<TelephonyAdapter> objects;
        private TelephonyAdapter adapter;

        Bound(ComponentServiceObjects<TelephonyAdapter> objects) {
            this.objects = objects;
        }

        synchronized TelephonyAdapter adapter() {
            if (adapter == null) {
                adapter = objects.getService();
            }
            return adapter;
        }

        synchronized void release() {
            if (adapter != null) {
                objects.ungetService(adapter);
                adapter = null;
            }
        }
    }

    private final List<Bound> bound = new CopyOnWriteArrayList<>();

    void bind(ComponentServiceObjects<TelephonyAdapter> objects) {
        bound.add(0, new Bound(objects));
    }

    void unbind(ComponentServiceObjects<TelephonyAdapter> objects) {
        for (Bound b : bound) {
            if (b.objects.getServiceReference().equals(objects.getServiceReference())) {
                bound.remove(b);
                b.release();
            }
        }
    }

    /** The adapter that carries the commands; null when none is bound (or it failed to start). */
    TelephonyAdapter current() {
        return bound.stream().findFirst().map(Bound::adapter).orElse(null);
    }

    /** For the log, without fetching the adapter: its component's name, or its service id. */
    static String label(ComponentServiceObjects<TelephonyAdapter> objects) {
        Object component = objects.getServiceReference().getProperty("component.name");
        return component != null ? component.toString()
                : "service " + objects.getServiceReference().getProperty("service.id");
    }

    /** The names of the bound adapters, the one carrying the commands first. */
    List<String> names() {
        return bound.stream().map(Bound::adapter).filter(Objects::nonNull).map(TelephonyAdapter::name).toList();
    }
}
