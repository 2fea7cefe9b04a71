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
import no.sentral.api.health.SystemHealth;
import no.sentral.api.security.CredentialsListener;
import no.sentral.api.security.LoginThrottle;
import no.sentral.api.security.Sessions;
import org.apache.cxf.BusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
 * with {@value #RESOURCE_PROPERTY}{@code =true}, and the endpoint is rebuilt with it, so
 * capabilities bring and take their REST resources as they are deployed and removed.
 */
@Component(immediate = true, configurationPid = "no.sentral.rest")
@Designate(ocd = RestServer.Config.class)
public class RestServer {

    public static final String RESOURCE_PROPERTY = "sentral.rest";
    static final String ADDRESS = "/v1";
    static final String PUBLIC_PATH = "/api/v1";

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
    private final JacksonJsonProvider json;
    private long maxBodyBytes;
    private long maxImportBytes;
    private Authenticator authenticator;
    private ServiceRegistration<CredentialsListener> credentialsListener;
    private volatile Server server;
    private Server fallback;
    private boolean active;

    @Reference
    private SystemHealth health;

    @Reference
    private Sessions sessions;

    @Reference
    private LoginThrottle throttle;

    public RestServer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        json = new JacksonJsonProvider(mapper);
    }

    @Activate
    synchronized void activate(Config config, BundleContext context) {
        maxBodyBytes = config.maxBodyBytes();
        maxImportBytes = config.maxImportBytes();
        CredentialCache credentials = new CredentialCache(Clock.systemUTC(),
                Duration.ofSeconds(config.credentialCacheSeconds()));
        authenticator = new Authenticator(credentials, throttle);
        credentialsListener = context.registerService(CredentialsListener.class, credentials, null);
        active = true;
        fallback = elsewhere();
        rebuild();
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        stop();
        fallback.destroy();
        credentialsListener.unregister();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(" + RESOURCE_PROPERTY + "=true)", service = Object.class)
    synchronized void addResource(Object resource) {
        resources.add(resource);
        rebuild();
    }

    synchronized void removeResource(Object resource) {
        resources.remove(resource);
        rebuild();
    }

    private void rebuild() {
        if (!active) {
            return;
        }
        stop();
        List<Object> beans = beans();
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(BusFactory.getDefaultBus());
        factory.setAddress(ADDRESS);
        factory.setServiceBeans(beans);
        PublicOperations open = PublicOperations.of(openApi(beans));
        factory.setProviders(providers(new AuthFilter(open, authenticator, sessions),
                new BodyLimitFilter(maxBodyBytes, maxImportBytes),
                new RolesFilter(), new RequestChecks(), new TypedAnswers()));
        server = create(factory);
        LOG.info("REST API at {} with {} resource(s)", PUBLIC_PATH, beans.size());
    }

    /** The endpoint that answers every other path under /api with a problem. */
    private Server elsewhere() {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(BusFactory.getDefaultBus());
        factory.setAddress("/");
        Elsewhere elsewhere = new Elsewhere(() -> server != null);
        factory.setServiceBeans(List.of(elsewhere));
        factory.setProviders(providers(new AuthFilter(PublicOperations.NONE, authenticator, sessions), elsewhere));
        return create(factory);
    }

    private List<Object> providers(Object... filters) {
        List<Object> providers = new ArrayList<>(List.of(json, new DomainExceptionMapper(),
                new WebApplicationExceptionMapper(), new JsonExceptionMapper(), new FallbackExceptionMapper()));
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
        if (server != null) {
            server.destroy();
            server = null;
        }
    }

    private static ObjectNode openApi(List<Object> beans) {
        return new OpenApiGenerator().generate(beans.stream().<Class<?>>map(Object::getClass).toList(), "Sentral API",
                "v1", PUBLIC_PATH);
    }

    /** The whiteboard's resources and the API's own. */
    private List<Object> beans() {
        List<Object> beans = new ArrayList<>(resources);
        beans.add(new HealthResource(health));
        beans.add(new OpenApiResource(() -> openApi(beans())));
        beans.add(new MeResource());
        beans.add(new SessionResource(sessions, authenticator));
        return beans;
    }
}
