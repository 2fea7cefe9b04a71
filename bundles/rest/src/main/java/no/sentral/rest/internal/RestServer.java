package no.sentral.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import no.sentral.api.health.SystemHealth;
import no.sentral.api.security.CredentialsListener;
import no.sentral.api.security.LoginThrottle;
import no.sentral.api.security.Sessions;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.endpoint.ServerLifeCycleManager;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.apache.cxf.transport.ChainInitiationObserver;
import org.apache.cxf.transport.Destination;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API at {@code /api/v1} (CXF's servlet is at {@code /api}, see etc/org.apache.cxf.osgi.cfg).
 * Resources are a whiteboard: any bundle registers a JAX-RS annotated object as an OSGi service
 * with {@value #RESOURCE_PROPERTY}{@code =true}, so capabilities bring and take their REST resources as
 * they are deployed and removed.
 * <p>
 * Each change builds a new endpoint (a generation: resources, providers, OpenAPI document) off to the
 * side and then points the one CXF destination at {@code /v1} to it in a single write, so a request
 * always finds a whole API: the previous generation or the next, never a gap (issue 11 section 6; the
 * README's architecture section says why this and not Aries JAX-RS Whiteboard). Resources that arrive
 * together, a bundle's or all of them at boot, are gathered for {@value #SETTLE_MILLIS} ms into one
 * build; a resource that leaves is out of the API before its unbind returns, so it is never called
 * once its bundle stops it.
 */
@Component(immediate = true, configurationPid = "no.sentral.rest")
@Designate(ocd = RestServer.Config.class)
public class RestServer {

    public static final String RESOURCE_PROPERTY = "sentral.rest";
    static final String ADDRESS = "/v1";
    static final String PUBLIC_PATH = "/api/v1";
    static final long SETTLE_MILLIS = 200;

    @ObjectClassDefinition(name = "Sentral REST API")
    public @interface Config {
        @AttributeDefinition(description = "Largest accepted request body in bytes")
        long maxBodyBytes() default 1_048_576;

        @AttributeDefinition(description = "Largest accepted body of a bulk import (/api/v1/import/...) in bytes")
        long maxImportBytes() default 67_108_864;

        @AttributeDefinition(description = "Seconds a verified Basic or Bearer credential is remembered")
        long credentialCacheSeconds() default 60;
    }

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

    private final List<Object> resources = new CopyOnWriteArrayList<>();
    private final ObjectMapper mapper;
    private final ScheduledExecutorService builder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sentral-rest-build");
        thread.setDaemon(true);
        return thread;
    });
    /** Verifies credentials in use again before their cache entry expires (one thread: a PBKDF2 derivation each). */
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "sentral-rest-credentials");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean buildPending = new AtomicBoolean();
    private long maxBodyBytes;
    private long maxImportBytes;
    private Authenticator authenticator;
    private CredentialCache credentials;
    private ServiceRegistration<CredentialsListener> credentialsListener;
    private volatile Server server;
    private Server fallback;
    private volatile boolean active;
    private boolean ownsBusClassLoader;
    private final DateHeader dateHeader = new DateHeader(Clock.systemUTC());

    @Reference
    private SystemHealth health;

    @Reference
    private Sessions sessions;

    @Reference
    private LoginThrottle throttle;

    public RestServer() {
        mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    @Activate
    synchronized void activate(Config config, BundleContext context) {
        maxBodyBytes = config.maxBodyBytes();
        maxImportBytes = config.maxImportBytes();
        credentials = new CredentialCache(Clock.systemUTC(),
                Duration.ofSeconds(config.credentialCacheSeconds()));
        authenticator = new Authenticator(credentials, throttle, refresher);
        credentialsListener = context.registerService(CredentialsListener.class, credentials, null);
        // For every request CXF's servlet wants a class loader from the bus: without one it asks the bus's
        // ResourceManager for "" as a ClassLoader, and each resolver searches the class path for it in vain
        // (3 % of the server's CPU per page of the subscription list, JFR). With one, it becomes the request's
        // context class loader: this bundle's, as when the endpoints are built.
        if (bus().getExtension(ClassLoader.class) == null) {
            bus().setExtension(RestServer.class.getClassLoader(), ClassLoader.class);
            ownsBusClassLoader = true;
        }
        active = true;
        fallback = elsewhere();
        buildSoon();
    }

    /** New limits and cache time apply to the next request, with no gap either (a deactivation would tear the API down). */
    @Modified
    synchronized void modified(Config config) {
        maxBodyBytes = config.maxBodyBytes();
        maxImportBytes = config.maxImportBytes();
        credentials.ttl(Duration.ofSeconds(config.credentialCacheSeconds()));
        build();
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        builder.shutdownNow();
        refresher.shutdownNow();
        stop();
        fallback.destroy();
        credentialsListener.unregister();
        if (ownsBusClassLoader && bus().getExtension(ClassLoader.class) == RestServer.class.getClassLoader()) {
            bus().setExtension(null, ClassLoader.class);
        }
        ownsBusClassLoader = false;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + RESOURCE_PROPERTY + "=true)", service = Object.class)
    void addResource(Object resource) {
        resources.add(resource);
        buildSoon();
    }

    void removeResource(Object resource) {
        resources.remove(resource);
        build();
    }

    private void buildSoon() {
        if (active && buildPending.compareAndSet(false, true)) {
            try {
                builder.schedule(this::build, SETTLE_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException deactivating) {
                LOG.debug("not built: the API is being taken down");
            }
        }
    }

    private synchronized void build() {
        buildPending.set(false);
        if (!active) {
            return;
        }
        try {
            swapIn(generation());
        } catch (RuntimeException e) {
            LOG.error("REST API not rebuilt, the previous one stays: {}", e.toString(), e);
        }
    }

    /** A new endpoint at {@value #ADDRESS} with the resources of now, built but not yet serving. */
    private Server generation() {
        List<Object> beans = new ArrayList<>(resources);
        List<Class<?>> classes = new ArrayList<>(beans.stream().<Class<?>>map(Object::getClass).toList());
        classes.addAll(List.of(HealthResource.class, OpenApiResource.class, MeResource.class, SessionResource.class));
        ObjectNode document = new OpenApiGenerator().generate(classes, "Sentral API", "v1", PUBLIC_PATH);
        beans.addAll(List.of(new HealthResource(health), new OpenApiResource(document), new MeResource(),
                new SessionResource(sessions, authenticator)));
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(BusFactory.getDefaultBus());
        factory.setAddress(ADDRESS);
        factory.setServiceBeans(beans);
        factory.setProviders(providers(new AuthFilter(PublicOperations.of(document), authenticator, sessions),
                new BodyLimitFilter(maxBodyBytes, maxImportBytes), new RolesFilter(), new RequestChecks(),
                new TypedAnswers()));
        factory.setOutInterceptors(List.of(new BodilessInput(), dateHeader));
        factory.setStart(false);
        Server next = create(factory);
        LOG.info("REST API at {} with {} resource(s)", PUBLIC_PATH, beans.size());
        return next;
    }

    /**
     * Makes {@code next} serve the destination at {@value #ADDRESS}, which CXF gives every endpoint at that
     * address: what CXF's own start does, minus its check that nothing serves it yet. Requests already in the
     * previous generation finish there; it is garbage once they have.
     */
    private void swapIn(Server next) {
        Server previous = server;
        next.getDestination().setMessageObserver(new ChainInitiationObserver(next.getEndpoint(), bus()));
        server = next;
        if (previous != null) {
            release(previous);
        }
    }

    /** CXF's bookkeeping of an endpoint it has not started lets go of it (its ManagedEndpoint listener). */
    private void release(Server generation) {
        ServerLifeCycleManager lifecycle = bus().getExtension(ServerLifeCycleManager.class);
        if (lifecycle != null) {
            lifecycle.stopServer(generation);
        }
    }

    private static Bus bus() {
        return BusFactory.getDefaultBus();
    }

    /** The endpoint that answers every other path under /api with a problem. */
    private Server elsewhere() {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus());
        factory.setAddress("/");
        Elsewhere elsewhere = new Elsewhere(() -> server != null);
        factory.setServiceBeans(List.of(elsewhere));
        factory.setProviders(providers(new AuthFilter(PublicOperations.NONE, authenticator, sessions), elsewhere));
        factory.setOutInterceptors(List.of(dateHeader));
        return create(factory);
    }

    /** A generation's own providers: CXF injects its context proxies into them, so none is shared. */
    private List<Object> providers(Object... filters) {
        List<Object> providers = new ArrayList<>(List.of(new JacksonJsonProvider(mapper), new DomainExceptionMapper(),
                new WebApplicationExceptionMapper(), new JsonExceptionMapper(), new FallbackExceptionMapper(),
                new NoWadl(bus())));
        providers.addAll(List.of(filters));
        return providers;
    }

    private static Server create(JAXRSServerFactoryBean factory) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(RestServer.class.getClassLoader());
        try {
            return factory.create();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private void stop() {
        Server last = server;
        if (last != null) {
            server = null;
            Destination destination = last.getDestination();
            destination.setMessageObserver(null);
            last.destroy();
        }
    }
}
