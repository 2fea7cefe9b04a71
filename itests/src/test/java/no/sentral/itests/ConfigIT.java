package no.sentral.itests;

import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * The documented etc/*.cfg files come with the features, and an operator's edit of one reconfigures
 * the running component: no restart, as the README's Configuration part promises.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ConfigIT extends SentralTestSupport {

    private static final String JSON = "application/json";

    @Inject
    private FeaturesService features;

    @Test
    public void theFeaturesShipTheirDocumentedDefaults() throws Exception {
        features.installFeature("sentral-route-hr-export");
        for (String pid : new String[] {"no.sentral.datasource", "no.sentral.broker", "no.sentral.rest",
            "no.sentral.switchboard", "no.sentral.routes.hrexport"}) {
            assertTrue(pid, Files.exists(karafEtc().resolve(pid + ".cfg")));
        }
        assertTrue(Files.readString(karafEtc().resolve("no.sentral.switchboard.cfg")).contains("shards = 2"));
    }

    @Test
    public void anEditedRestLimitAppliesAtOnce() throws Exception {
        Path cfg = karafEtc().resolve("no.sentral.rest.cfg");
        String original = Files.readString(cfg);
        String body = "{\"type\":\"sentral.itest.big\",\"data\":{\"text\":\"" + "x".repeat(600) + "\"}}";
        try {
            Files.writeString(cfg, original.replaceAll("(?m)^maxBodyBytes\\s*=.*$", "maxBodyBytes = 512"));
            waitFor("the 512-byte limit in force", () -> status("POST", "/api/v1/events", body) == 413);
        } finally {
            Files.writeString(cfg, original);
        }
        waitFor("the default limit back", () -> status("POST", "/api/v1/events", body) != 413);
    }

    @Test
    public void anEditedRouteEndpointTakesTheNextEvent() throws Exception {
        features.installFeature("sentral-route-hr-export");
        String boss = newCompany("config-hr");
        String department = field(send("POST", "/api/v1/departments", boss, JSON, "{\"name\":\"HR\"}").body(), "id");
        Path cfg = karafEtc().resolve("no.sentral.routes.hrexport.cfg");
        String original = Files.readString(cfg);
        Path elsewhere = Files.createDirectories(karafBase().resolve("data/itest/hr-elsewhere"));
        try {
            Files.writeString(cfg, original.replaceAll("(?m)^endpoint\\s*=.*$", "endpoint = file:" + elsewhere));
            waitFor("the HR route on its new endpoint", () -> {
                try {
                    String id = field(send("POST", "/api/v1/employees", boss, JSON, "{\"departmentId\":\"" + department
                            + "\",\"name\":\"Per Hansen\"}").body(), "id");
                    Path document = elsewhere.resolve("config-hr/" + id + ".json");
                    for (int i = 0; i < 50 && !Files.exists(document); i++) {
                        Thread.sleep(100);
                    }
                    return Files.exists(document);
                } catch (Exception e) {
                    return false;
                }
            });
        } finally {
            Files.writeString(cfg, original);
        }
    }

    private int status(String method, String path, String body) {
        try {
            return send(method, path, adminAuth(), JSON, body).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
