package no.sentral.routehost.internal;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import no.sentral.api.routes.Deployment;
import no.sentral.api.routes.RouteDeployments;
import no.sentral.api.routes.RouteSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NoErrorHandlerBuilder;
import org.apache.camel.core.osgi.OsgiDefaultCamelContext;
import org.apache.camel.spi.ComponentResolver;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The Sentral route host: one running CamelContext named {@code sentral} with the {@code sentral:}
 * component, into which routes come and go while Karaf runs — from {@link RoutesBuilder} services
 * (route bundles in camel-routes/), from {@link RouteSource} services (Blueprint files in deploy/)
 * and from Camel XML route files in deploy/ (through {@link RouteFileInstaller}). The {@code sentral:}
 * component comes from the events bundle as a Camel {@link ComponentResolver} service.
 */
@Component(service = {RouteHost.class, RouteDeployments.class}, immediate = true)
public class RouteHost implements RouteDeployments {

    static final String SENTRAL_SCHEME = "sentral";

    private final CamelContext context;
    private final RouteRegistry registry;
    private final BlueprintFailures blueprintFailures;
    /** Deployments that arrived before the context started, by owner, so an early unbind can cancel one. */
    private final Map<String, Runnable> pending = new LinkedHashMap<>();
    private boolean started;

    @Activate
    public RouteHost(BundleContext bundleContext,
                     @Reference(target = "(component=" + SENTRAL_SCHEME + ")") ComponentResolver sentral,
                     @Reference BlueprintFailures blueprintFailures) throws Exception {
        OsgiDefaultCamelContext camel = new OsgiDefaultCamelContext(bundleContext);
        camel.setName("sentral");
        // The sentral: consumer owns retries and the DLQ; Camel's default handler would log every attempt as ERROR.
        camel.adapt(ExtendedCamelContext.class).setErrorHandlerFactory(new NoErrorHandlerBuilder());
        camel.addComponent(SENTRAL_SCHEME, sentral.resolveComponent(SENTRAL_SCHEME, camel));
        context = camel;
        registry = new RouteRegistry(context, Clock.systemUTC());
        this.blueprintFailures = blueprintFailures;
    }

    @Activate
    void start() {
        // Routes added before start() do not start on OsgiDefaultCamelContext: start first, then add.
        context.start();
        synchronized (this) {
            started = true;
            pending.values().forEach(Runnable::run);
            pending.clear();
        }
    }

    @Deactivate
    void stop() {
        context.stop();
    }

    private synchronized void whenStarted(String owner, Runnable action) {
        if (started) {
            action.run();
        } else {
            pending.put(owner, action);
        }
    }

    private synchronized void remove(String owner) {
        if (pending.remove(owner) == null) {
            registry.undeploy(owner);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRoutesBuilder(RoutesBuilder builder, Map<String, Object> properties) {
        String owner = owner("bundle", properties, builder.getClass().getName());
        whenStarted(owner, () -> registry.deploy(owner, builder));
    }

    void unbindRoutesBuilder(RoutesBuilder builder, Map<String, Object> properties) {
        remove(owner("bundle", properties, builder.getClass().getName()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindRouteSource(RouteSource source, Map<String, Object> properties) {
        String owner = owner("service", properties, source.name());
        whenStarted(owner, () -> registry.deployXml(owner, source.name(), source.xml()));
    }

    void unbindRouteSource(RouteSource source, Map<String, Object> properties) {
        remove(owner("service", properties, source.name()));
    }

    private static String owner(String kind, Map<String, Object> properties, String name) {
        return kind + ":" + name + "#" + properties.get(Constants.SERVICE_ID);
    }

    public RouteRegistry registry() {
        return registry;
    }

    @Override
    public List<Deployment> deployments() {
        List<Deployment> all = new ArrayList<>(registry.deployments());
        blueprintFailures.failures().forEach((name, reason) -> all.add(
                new Deployment("blueprint:" + name, List.of(), reason, null)));
        return all;
    }

    public CamelContext camelContext() {
        return context;
    }
}
