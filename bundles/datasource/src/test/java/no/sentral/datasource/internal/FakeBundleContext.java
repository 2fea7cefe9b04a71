package no.sentral.datasource.internal;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Just enough of a BundleContext to see what a component registers, without a framework. */
final class FakeBundleContext {

    record Registration(Class<?> type, Object service, Dictionary<String, ?> properties) {
    }

    private final List<Registration> registered = new CopyOnWriteArrayList<>();

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("registerService") && args[0] instanceof Class<?> type) {
                        Registration registration = new Registration(type, args[1], (Dictionary<String, ?>) args[2]);
                        registered.add(registration);
                        return serviceRegistration(registration);
                    }
                    throw new UnsupportedOperationException(method.toString());
                });
    }

    private ServiceRegistration<?> serviceRegistration(Registration registration) {
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        if (!registered.remove(registration)) {
                            throw new IllegalStateException("already unregistered");
                        }
                        return null;
                    }
                    throw new UnsupportedOperationException(method.toString());
                });
    }

    Optional<Registration> find(Class<?> type) {
        return registered.stream().filter(registration -> registration.type() == type).findFirst();
    }

    Registration await(Class<?> type) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Optional<Registration> found = find(type);
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(type.getName() + " not registered within 30 s");
    }
}
