package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * The Sentral page of the Karaf web console over HTTP, as an admin's browser uses it: behind the
 * console's login, health, companies and events on it, and a dead letter given back to its consumer
 * or discarded with the page's buttons, which refuse a form posted from elsewhere.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class WebConsoleIT extends SentralTestSupport {

    private static final String PAGE = "/system/console/sentral";
    private static final String FORM = "application/x-www-form-urlencoded";

    @Inject
    private EventPublisher publisher;

    @Test
    public void thePageNeedsTheAdminAndShowsHealthCompaniesAndEvents() throws Exception {
        assertEquals(401, get(PAGE, null).statusCode());
        newCompany("console-co");
        CloudEvent hello = publisher.publish(EventAddress.parse("sentral.itest.hello"), "console-co", null, "{}");
        waitFor("the event among the recent ones", () -> page().contains(hello.id()));
        String page = page();
        assertTrue(page, page.contains("Health: UP") && page.contains("sentral-events"));
        assertTrue(page, page.contains("console-co AS"));
        assertTrue(page, page.contains("Dead letters"));
    }

    @Test
    public void aDeadLetterIsGivenBackToItsConsumerOrDiscardedFromThePage() throws Exception {
        Path out = Files.createDirectories(Path.of(System.getProperty("karaf.data"), "itest", "console"));
        var broken = deploy("itest-console-broken", """
                <route id="itest-console-broken"><from uri="sentral:itest.console?consumer=itest-console&amp;backoff=10"/>
                  <throwException exceptionType="java.lang.IllegalStateException" message="ledger offline"/></route>""");
        CloudEvent retried = publisher.publish(EventAddress.parse("sentral.itest.console"), "acme", null, "{\"n\":1}");
        CloudEvent discarded = publisher.publish(EventAddress.parse("sentral.itest.console"), "acme", null, "{\"n\":2}");
        waitFor("both in the DLQ", () -> page().contains(dlqRow(retried)) && page().contains(dlqRow(discarded)));
        assertTrue(page().contains("ledger offline"));
        broken.unregister();
        deploy("itest-console-fixed", """
                <route id="itest-console-fixed"><from uri="sentral:itest.console?consumer=itest-console"/>
                  <setHeader name="CamelFileName"><simple>${header.SentralEventId}.json</simple></setHeader>
                  <to uri="file:%s"/></route>""".formatted(out));

        String token = token(page());
        assertEquals("a form from another site", 403, post("retry", retried.id(), token, "http://evil.example").statusCode());
        assertEquals("a form without the page's token", 403, post("retry", retried.id(), "guess", baseUrl()).statusCode());
        assertTrue(page().contains(dlqRow(retried)));

        HttpResponse<String> retry = post("retry", retried.id(), token, baseUrl());
        assertEquals(retry.body(), 303, retry.statusCode());
        assertTrue(retry.headers().firstValue("Location").orElse("").contains(PAGE + "?done="));
        waitFor("the retried event handled by its consumer", () -> Files.exists(out.resolve(retried.id() + ".json")));
        assertEquals(303, post("discard", discarded.id(), token, baseUrl()).statusCode());
        String page = page();
        assertFalse(page, page.contains(dlqRow(retried)));
        assertFalse(page, page.contains(dlqRow(discarded)));
        assertFalse("a discarded event is gone for good", Files.exists(out.resolve(discarded.id() + ".json")));
        assertTrue(get(PAGE + "?done=x", adminAuth()).body().contains("x"));
    }

    private String page() {
        try {
            HttpResponse<String> page = get(PAGE, adminAuth());
            assertEquals(page.body(), 200, page.statusCode());
            return page.body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The DLQ's buttons for an event: in the page while the event is in the DLQ. */
    private static String dlqRow(CloudEvent event) {
        return "name=\"event\" value=\"" + event.id() + "\"";
    }

    private static String token(String page) {
        Matcher m = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page);
        assertTrue("a token on the page: " + page, m.find());
        return m.group(1);
    }

    private HttpResponse<String> post(String action, String event, String token, String origin) throws Exception {
        String form = "action=" + action + "&event=" + URLEncoder.encode(event, StandardCharsets.UTF_8) + "&token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return send("POST", PAGE, adminAuth(), FORM, form, "Origin", origin);
    }
}
