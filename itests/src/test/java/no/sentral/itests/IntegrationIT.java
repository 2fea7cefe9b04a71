package no.sentral.itests;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.inject.Inject;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import org.apache.karaf.features.BundleInfo;
import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * An integrator's route as the README shows it (blueprints/crm-answered-calls.routes.xml): with
 * sentral-integration installed from the distribution's own system/ repository, a Camel XML file in
 * deploy/ posts answered calls to an HTTP endpoint, a local one here.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class IntegrationIT extends SentralTestSupport {

    @Inject
    private FeaturesService features;

    @Inject
    private EventPublisher publisher;

    @Test
    public void theIntegrationFeatureNeedsNothingFromOutsideTheDistribution() throws Exception {
        Set<String> missing = new HashSet<>();
        Deque<Feature> todo = new ArrayDeque<>(List.of(features.getFeature("sentral-integration")));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Feature feature = todo.pop();
            if (!seen.add(feature.getId())) {
                continue;
            }
            for (BundleInfo bundle : feature.getBundles()) {
                if (!inSystemRepository(bundle.getLocation())) {
                    missing.add(bundle.getLocation());
                }
            }
            for (Dependency dependency : feature.getDependencies()) {
                Feature next = features.getFeature(dependency.getName(), dependency.getVersion());
                if (next != null) {
                    todo.push(next);
                }
            }
        }
        assertTrue("not in system/: " + missing, missing.isEmpty());
        assertTrue(seen.toString(), seen.stream().anyMatch(f -> f.startsWith("camel-http/"))
                && seen.stream().anyMatch(f -> f.startsWith("camel-jsonpath/")));
    }

    /** mvn:group/artifact/version[/type[/classifier]], possibly wrapped, as a file under system/. */
    private static boolean inSystemRepository(String location) {
        String mvn = location.substring(location.indexOf("mvn:") + 4).replaceAll("[$].*", "");
        String[] p = mvn.split("/");
        String type = p.length > 3 && !p[3].isEmpty() ? p[3] : "jar";
        String classifier = p.length > 4 ? "-" + p[4] : "";
        Path file = karafBase().resolve("system").resolve(p[0].replace('.', '/')).resolve(p[1]).resolve(p[2])
                .resolve(p[1] + "-" + p[2] + classifier + "." + type);
        return Files.exists(file);
    }

    @Test
    public void aRouteInDeployPostsAnsweredCallsOverHttp() throws Exception {
        features.installFeature("sentral-integration");
        List<String> posted = new CopyOnWriteArrayList<>();
        HttpServer crm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        crm.createContext("/api/calls", exchange -> {
            posted.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        crm.start();
        Path route = karafBase().resolve("deploy/crm-answered-calls.xml");
        try {
            String xml = Files.readString(Path.of(System.getProperty("sentral.it.blueprints"),
                    "crm-answered-calls.routes.xml"));
            Files.writeString(route, xml.replace("http://crm.example.com/api/calls",
                    "http://127.0.0.1:" + crm.getAddress().getPort() + "/api/calls"));
            waitFor("the route deployed", () -> {
                try {
                    return executeCommand("sentral:status").contains("crm-answered-calls");
                } catch (Exception e) {
                    return false;
                }
            });
            publisher.publish(EventAddress.parse("sentral.call.ended"), "crm-co", "c-abandoned",
                    "{\"call\":\"c-abandoned\",\"disposition\":\"ABANDONED\"}");
            publisher.publish(EventAddress.parse("sentral.call.ended"), "crm-co", "c-answered",
                    "{\"call\":\"c-answered\",\"disposition\":\"ANSWERED\",\"talkSeconds\":42}");
            waitFor("the answered call at the CRM", () -> posted.stream().anyMatch(p -> p.contains("c-answered")));
            assertTrue(posted.toString(), posted.get(0).startsWith("POST application/json {\"call\":\"c-answered\""));
            assertFalse(posted.toString(), posted.stream().anyMatch(p -> p.contains("c-abandoned")));
        } finally {
            Files.deleteIfExists(route);
            crm.stop(0);
        }
    }
}
