package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import javax.inject.Inject;
import no.sentral.api.health.HealthReport;
import no.sentral.api.health.SystemHealth;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;
import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/** The distribution boots with its features, every Sentral bundle is active and health is green. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class BootIT extends SentralTestSupport {

    @Inject
    private FeaturesService features;

    @Inject
    private SystemHealth health;

    @Test
    public void bootFeaturesAreInstalled() throws Exception {
        for (String feature : new String[] {"sentral", "sentral-broker", "sentral-platform", "sentral-persistence",
                "sentral-security", "sentral-events", "sentral-route-host", "sentral-health", "sentral-rest",
                "sentral-datasource", "sentral-demo", "webconsole", "cxf-jaxrs", "camel-core", "aries-blueprint"}) {
            assertTrue(feature + " installed", features.isInstalled(features.getFeature(feature)));
        }
    }

    @Test
    public void everySentralBundleIsActive() {
        int count = 0;
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getSymbolicName().startsWith("sentral-")) {
                assertEquals(bundle.getSymbolicName(), Bundle.ACTIVE, bundle.getState());
                count++;
            }
        }
        assertTrue("sentral bundles found: " + count, count >= 10);
    }

    /**
     * The platform's rooms meet only through the API: no Sentral bundle imports another's packages
     * (but the completers the shell commands of every bundle share).
     */
    @Test
    public void sentralBundlesShareNothingButTheApi() {
        for (Bundle bundle : bundleContext.getBundles()) {
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (!bundle.getSymbolicName().startsWith("sentral-") || wiring == null) {
                continue;
            }
            for (BundleWire wire : wiring.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
                String provider = wire.getProvider().getBundle().getSymbolicName();
                assertTrue(bundle.getSymbolicName() + " imports " + wire.getCapability().getAttributes()
                        .get(PackageNamespace.PACKAGE_NAMESPACE) + " from " + provider,
                        !provider.startsWith("sentral-") || provider.equals("sentral-api")
                                || provider.equals("sentral-shell"));
            }
        }
    }

    @Test
    public void healthIsGreenWithBrokerAndDatabase() throws Exception {
        HealthReport report = health.report();
        assertTrue(report.toString(), report.up());
        assertTrue(report.items().stream().anyMatch(i -> i.name().equals("broker") && i.up()));
        assertTrue(report.items().stream().anyMatch(i -> i.name().equals("database") && i.up()));
        HttpResponse<String> rest = get("/api/v1/health", adminAuth());
        assertEquals(200, rest.statusCode());
        assertTrue(rest.body(), rest.body().contains("\"sentral-events\""));
        HttpResponse<String> anonymous = get("/api/v1/health", null);
        assertEquals(200, anonymous.statusCode());
        assertTrue("anonymous callers see only the verdict: " + anonymous.body(),
                !anonymous.body().contains("sentral-events"));
    }

    @Test
    public void webConsoleNeedsTheAdminPassword() throws Exception {
        assertEquals(401, get("/system/console/bundles", null).statusCode());
        assertEquals(401, get("/system/console/bundles", basic("karaf", "karaf")).statusCode());
        assertEquals(200, get("/system/console/bundles", adminAuth()).statusCode());
    }

    @Test
    public void statusCommandShowsHealthQueuesAndDatabase() throws Exception {
        String status = executeCommand("sentral:status");
        assertTrue(status, status.contains("Sentral is UP"));
        assertTrue(status, status.contains("database"));
        assertTrue(status, status.contains("sentral.dlq"));
    }
}
