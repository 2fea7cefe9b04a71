package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.inject.Inject;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;

/**
 * Hot deployment while Sentral runs: Blueprint files and Camel XML route files in deploy/, route
 * features, and bundles with REST resources. Events published while a route is away wait in its durable
 * queue; requests to other resources while a bundle's resources come and go all succeed.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class HotDeployIT extends SentralTestSupport {

    @Inject
    private EventPublisher publisher;

    @Inject
    private FeaturesService features;

    private static Path deploy() {
        return karafBase().resolve("deploy");
    }

    private static Path example(String name) {
        return Path.of(System.getProperty("sentral.it.blueprints")).resolve(name);
    }

    private void waitForStatus(String what, boolean present) throws InterruptedException {
        waitFor((present ? "" : "no more ") + what + " in sentral:status", () -> {
            try {
                return executeCommand("sentral:status").contains(what) == present;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private CloudEvent greet(String tenant) {
        return publisher.publish(EventAddress.parse("sentral.demo.greeting"), tenant, null, "{\"hello\":\"" + tenant + "\"}");
    }

    @Test
    public void blueprintFileComesAndGoesWithoutLosingEvents() throws Exception {
        Path file = deploy().resolve("greeting-file-drop.xml");
        Files.copy(example("greeting-file-drop.xml"), file, StandardCopyOption.REPLACE_EXISTING);
        waitForStatus("partner-greeting-drop", true);
        CloudEvent first = greet("bp-tenant");
        Path drop = Path.of("data/partner-drop/bp-tenant");
        waitFor("first greeting dropped", () -> Files.exists(drop.resolve(first.id() + ".json")));

        Files.delete(file);
        waitForStatus("partner-greeting-drop", false);
        CloudEvent whileAway = greet("bp-tenant");
        Thread.sleep(1000);
        assertTrue(!Files.exists(drop.resolve(whileAway.id() + ".json")));

        Files.copy(example("greeting-file-drop.xml"), file, StandardCopyOption.REPLACE_EXISTING);
        waitFor("greeting published while the file was away", () -> Files.exists(drop.resolve(whileAway.id() + ".json")));
        Files.delete(file);
        waitForStatus("partner-greeting-drop", false);
    }

    @Test
    public void camelRoutesFileComesAndGoes() throws Exception {
        Path file = deploy().resolve("greeting-archive.routes.xml");
        Files.copy(example("greeting-archive.routes.xml"), file, StandardCopyOption.REPLACE_EXISTING);
        waitForStatus("partner-greeting-log", true);
        greet("file-tenant");
        Path log = Path.of("data/partner-log/greetings.jsonl");
        waitFor("greeting logged", () -> contains(log, "file-tenant"));
        Files.delete(file);
        waitForStatus("partner-greeting-log", false);
        greet("while-away");
        Files.copy(example("greeting-archive.routes.xml"), file, StandardCopyOption.REPLACE_EXISTING);
        waitFor("greeting published while the file was away", () -> contains(log, "while-away"));
        Files.delete(file);
        waitForStatus("partner-greeting-log", false);
    }

    @Test
    public void brokenFilesAreReportedAndNothingElseStops() throws Exception {
        Path badRoutes = deploy().resolve("broken.routes.xml");
        Files.writeString(badRoutes, "<routes xmlns=\"http://camel.apache.org/schema/spring\"><route id=\"x\">"
                + "<from uri=\"sentral:demo.greeting?consumer=broken\"/><to uri=\"nosuchcomponent:y\"/></route></routes>");
        Path badBlueprint = deploy().resolve("broken-blueprint.xml");
        Files.writeString(badBlueprint, "<blueprint xmlns=\"http://www.osgi.org/xmlns/blueprint/v1.0.0\">"
                + "<bean id=\"x\" class=\"no.such.Klass\"/></blueprint>");
        waitFor("both broken files reported", () -> {
            try {
                String status = executeCommand("sentral:status");
                return status.contains("broken.routes.xml") && status.contains("broken-blueprint");
            } catch (Exception e) {
                return false;
            }
        });
        String status = executeCommand("sentral:status");
        assertTrue(status, status.contains("FAILED"));
        assertTrue(status, status.contains("Sentral is UP"));
        assertEquals(200, get("/api/v1/health", adminAuth()).statusCode());
        Files.delete(badRoutes);
        Files.delete(badBlueprint);
        waitForStatus("broken.routes.xml", false);
    }

    @Test
    public void routeFeatureInstallsAndUninstallsWithoutLosingEvents() throws Exception {
        features.installFeature("sentral-route-event-archive");
        waitForStatus("archive-demo-greeting", true);
        Path archive = Path.of(System.getProperty("karaf.data"), "sentral", "archive", "feature-tenant");
        greet("feature-tenant");
        waitFor("archived", () -> Files.isDirectory(archive) && archiveContains(archive, "feature-tenant"));

        features.uninstallFeature("sentral-route-event-archive");
        waitForStatus("archive-demo-greeting", false);
        CloudEvent whileAway = publisher.publish(EventAddress.parse("sentral.demo.greeting"), "feature-tenant", null,
                "{\"hello\":\"while-uninstalled\"}");
        features.installFeature("sentral-route-event-archive");
        waitFor("event published while uninstalled is archived " + whileAway.id(),
                () -> archiveContains(archive, "while-uninstalled"));
        features.uninstallFeature("sentral-route-event-archive");
    }

    /**
     * Issue 11 section 6: while client threads keep calling resources of other bundles (organisation, rest),
     * the switchboard bundle, which brings REST resources, is stopped, started and updated again and again.
     * Not one of those requests fails, and the served contract loses and regains the switchboard's paths.
     */
    @Test
    public void restResourcesComeAndGoWithoutFailingOtherRequests() throws Exception {
        String boss = newCompany("hot-rest");
        Bundle switchboard = Arrays.stream(bundleContext.getBundles())
                .filter(b -> "sentral-switchboard".equals(b.getSymbolicName())).findFirst().orElseThrow();
        List<String> paths = List.of("/api/v1/departments", "/api/v1/me", "/api/v1/health");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<?>> load = IntStream.range(0, 6).<Future<?>>mapToObj(i -> clients.submit(() -> {
            String path = paths.get(i % paths.size());
            while (running.get()) {
                try {
                    HttpResponse<String> answer = get(path, boss);
                    if (answeredByItsResource(path, answer)) {
                        answered.incrementAndGet();
                    } else {
                        failures.add(path + " " + answer.statusCode() + " " + answer.body());
                    }
                } catch (Exception | AssertionError e) {
                    failures.add(path + " " + e);
                }
            }
        })).toList();
        try {
            for (int round = 1; round <= 3; round++) {
                switchboard.stop();
                waitForSwitchboardInContract(false);
                switchboard.start();
                waitForSwitchboardInContract(true);
                switchboard.update();
                waitForSwitchboardInContract(true);
            }
        } finally {
            running.set(false);
            for (Future<?> client : load) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }
        System.out.printf("REST hot deploy: %d requests answered, %d failed, across 9 switchboard changes%n",
                answered.get(), failures.size());
        assertTrue(failures.size() + " failed, the first: " + failures.subList(0, Math.min(5, failures.size())),
                failures.isEmpty());
        assertTrue("the load ran throughout: " + answered.get(), answered.get() > 100);
        assertEquals(Bundle.ACTIVE, switchboard.getState());
        waitUntilHealthy();
    }

    /** The health resource answers 503 with its report while the switchboard bundle is away; that is its answer. */
    private static boolean answeredByItsResource(String path, HttpResponse<String> answer) {
        return answer.statusCode() == 200
                || path.endsWith("/health") && answer.statusCode() == 503 && answer.body().contains("\"up\":false");
    }

    private void waitForSwitchboardInContract(boolean present) throws InterruptedException {
        waitFor((present ? "" : "no more ") + "switchboard paths in the served contract", () -> {
            try {
                return get("/api/v1/openapi.json", null).body().contains("\"/switchboard/agents\"") == present;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static boolean archiveContains(Path dir, String text) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(f -> contains(f, text));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
