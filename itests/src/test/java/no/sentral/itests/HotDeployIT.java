package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

/**
 * Hot deployment while Sentral runs: Blueprint files and Camel XML route files in deploy/, and
 * route features. Events published while a route is away wait in its durable queue.
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
