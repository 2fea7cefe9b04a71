package no.sentral.routehost.internal;

import no.sentral.api.routes.Deployment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds and removes routes of many owners on one running CamelContext. Each owner's routes go in
 * or fail together: a broken file or builder is reported (log and {@code sentral:status}) and
 * leaves every other route running.
 */
public final class RouteRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(RouteRegistry.class);

    private final CamelContext context;
    private final Clock clock;
    private final Map<String, Deployment> deployments = new TreeMap<>();
    private final Map<String, List<RouteDefinition>> definitions = new HashMap<>();

    public RouteRegistry(CamelContext context, Clock clock) {
        this.context = context;
        this.clock = clock;
    }

    public synchronized Deployment deploy(String owner, RoutesBuilder builder) {
        return deploy(owner, () -> List.of(builder));
    }

    /** Deploys a Camel XML routes document; {@code name} is used for messages only. */
    public synchronized Deployment deployXml(String owner, String name, String xml) {
        // Camel picks the loader by everything after the first dot, so "echo.routes.xml" must become "echo_routes_xml.xml".
        Resource resource = ResourceHelper.fromString(name.replaceAll("[^A-Za-z0-9_-]", "_") + ".xml", xml);
        return deploy(owner, () -> context.adapt(ExtendedCamelContext.class).getRoutesLoader()
                .findRoutesBuilders(resource));
    }

    private interface Builders {
        Collection<RoutesBuilder> get() throws Exception;
    }

    private Deployment deploy(String owner, Builders source) {
        undeploy(owner);
        Set<String> before = routeIds();
        List<RouteDefinition> declared = new ArrayList<>();
        Deployment result;
        try {
            Collection<RoutesBuilder> builders = source.get();
            for (RoutesBuilder builder : builders) {
                declared.addAll(declaredRoutes(builder));
            }
            refuseTakenIds(owner, declared);
            for (RoutesBuilder builder : builders) {
                context.addRoutes(builder);
            }
            result = new Deployment(owner, added(before), null, clock.instant());
            definitions.put(owner, declared);
            LOG.info("deployed {}: routes {}", owner, result.routeIds());
        } catch (Exception e) {
            // Routes the owner managed to add before failing are taken out again, definitions too: all or nothing.
            remove(added(before), declared);
            result = new Deployment(owner, List.of(), describe(e), clock.instant());
            LOG.error("could not deploy {}: {}", owner, result.error());
        }
        deployments.put(owner, result);
        return result;
    }

    /**
     * The routes a builder will add. Configuring it here is not wasted: a RouteBuilder configures
     * once, and adding it to the context afterwards reuses these definitions.
     */
    private List<RouteDefinition> declaredRoutes(RoutesBuilder builder) throws Exception {
        return builder instanceof RouteBuilder routes ? routes.configureRoutes(context).getRoutes() : List.of();
    }

    /** Camel would silently replace another owner's route of the same id; refuse instead. */
    private void refuseTakenIds(String owner, List<RouteDefinition> declared) {
        for (RouteDefinition route : declared) {
            String id = route.getRouteId();
            for (Deployment other : deployments.values()) {
                if (id != null && !other.owner().equals(owner) && other.routeIds().contains(id)) {
                    throw new IllegalArgumentException("route id '" + id + "' already belongs to " + other.owner());
                }
            }
        }
    }

    /** Records an owner whose routes could not even be read. */
    public synchronized void failed(String owner, String error) {
        undeploy(owner);
        deployments.put(owner, new Deployment(owner, List.of(), error, clock.instant()));
        LOG.error("could not deploy {}: {}", owner, error);
    }

    public synchronized void undeploy(String owner) {
        Deployment old = deployments.remove(owner);
        List<RouteDefinition> declared = definitions.remove(owner);
        if (old != null && !old.routeIds().isEmpty()) {
            remove(old.routeIds(), declared == null ? List.of() : declared);
            LOG.info("undeployed {}: routes {}", owner, old.routeIds());
        }
    }

    public synchronized List<Deployment> deployments() {
        return List.copyOf(deployments.values());
    }

    private void remove(List<String> ids, List<RouteDefinition> declared) {
        for (String id : ids) {
            try {
                context.getRouteController().stopRoute(id);
                context.removeRoute(id);
            } catch (Exception e) {
                LOG.warn("could not remove route {}: {}", id, e.toString());
            }
        }
        // A route that failed to be created keeps its definition in the model, where it would break
        // the next start of the context. Remove this owner's very definition objects only: the model
        // matches by route id, and an id refused as taken belongs to another owner's running route.
        ModelCamelContext model = context.adapt(ModelCamelContext.class);
        List<RouteDefinition> ours = model.getRouteDefinitions().stream()
                .filter(d -> declared.stream().anyMatch(mine -> mine == d)).toList();
        try {
            model.removeRouteDefinitions(ours);
        } catch (Exception e) {
            LOG.warn("could not remove route definitions: {}", e.toString());
        }
    }

    private Set<String> routeIds() {
        Set<String> ids = new HashSet<>();
        for (Route route : context.getRoutes()) {
            ids.add(route.getRouteId());
        }
        return ids;
    }

    private List<String> added(Set<String> before) {
        List<String> ids = new ArrayList<>();
        for (Route route : context.getRoutes()) {
            if (!before.contains(route.getRouteId())) {
                ids.add(route.getRouteId());
            }
        }
        ids.sort(null);
        return ids;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 2000; t = t.getCause() == t ? null : t.getCause()) {
            if (text.length() > 0) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        return text.toString();
    }
}
