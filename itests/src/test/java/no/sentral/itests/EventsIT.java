package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.inject.Inject;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/** The event backbone through the real broker: round trip, DLQ, duplicates, per-tenant order. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class EventsIT extends SentralTestSupport {

    @Inject
    private EventPublisher publisher;

    private static Path outDir(String name) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("karaf.data"), "itest", name));
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Test
    public void eventsFlowThroughARouteAndKeepTheirTenant() throws Exception {
        Path out = outDir("roundtrip");
        deploy("itest-roundtrip", """
                <route id="itest-ping"><from uri="sentral:itest.ping?consumer=itest-roundtrip"/>
                  <to uri="sentral:itest.pong"/></route>
                <route id="itest-pong"><from uri="sentral:itest.pong?consumer=itest-pong"/>
                  <setHeader name="CamelFileName"><simple>${header.SentralTenant}-${header.SentralEventId}.json</simple></setHeader>
                  <to uri="file:%s"/></route>""".formatted(out));
        CloudEvent ping = publisher.publish(EventAddress.parse("sentral.itest.ping"), "acme", "call-1", "{\"n\":1}");
        // Derived from the ping, the route and the publish's number, so a redelivery re-publishes the same id.
        String pongId = UUID.nameUUIDFromBytes((ping.id() + "|itest-ping|sentral.itest.pong|1")
                .getBytes(StandardCharsets.UTF_8)).toString();
        Path expected = out.resolve("acme-" + pongId + ".json");
        waitFor("pong file", () -> Files.exists(expected));
        assertEquals("{\"n\":1}", Files.readString(expected));
        String events = executeCommand("sentral:events sentral.itest.pong");
        assertTrue(events, events.lines().anyMatch(row -> row.contains(pongId) && row.contains("| acme ")));
    }

    @Test
    public void aPoisonEventGoesToTheDlqWithItsReasonAndOthersKeepFlowing() throws Exception {
        Path out = outDir("dlq");
        deploy("itest-dlq", """
                <route id="itest-poison"><from uri="sentral:itest.work?consumer=itest-dlq&amp;backoff=10"/>
                  <choice><when><simple>${body} contains 'poison'</simple>
                    <throwException exceptionType="java.lang.IllegalStateException" message="cannot digest this"/>
                  </when></choice>
                  <setHeader name="CamelFileName"><simple>${header.SentralEventId}.json</simple></setHeader>
                  <to uri="file:%s"/></route>""".formatted(out));
        CloudEvent poison = publisher.publish(EventAddress.parse("sentral.itest.work"), "acme", null, "{\"x\":\"poison\"}");
        CloudEvent good = publisher.publish(EventAddress.parse("sentral.itest.work"), "acme", null, "{\"x\":\"fine\"}");
        waitFor("the good event behind the poison one", () -> Files.exists(out.resolve(good.id() + ".json")));
        waitFor("poison event in the DLQ", () -> {
            try {
                return executeCommand("sentral:dlq").contains(poison.id());
            } catch (Exception e) {
                return false;
            }
        });
        String dlq = executeCommand("sentral:dlq");
        assertTrue(dlq, dlq.lines().anyMatch(row -> row.contains(poison.id()) && row.contains("cannot digest this")
                && row.matches(".*\\| itest-dlq +\\| +5 +\\|.*")));
    }

    @Test
    public void anEventPublishedTwiceIsHandledOnce() throws Exception {
        Path out = outDir("dedupe");
        deploy("itest-dedupe", """
                <route id="itest-dedupe"><from uri="sentral:itest.dedupe?consumer=itest-dedupe"/>
                  <setHeader name="CamelFileName"><simple>${header.SentralEventId}-${exchangeId}.json</simple></setHeader>
                  <to uri="file:%s"/></route>""".formatted(out));
        CloudEvent event = new CloudEvent(UUID.randomUUID().toString(), "/itest", "sentral.itest.dedupe",
                Instant.now(), "acme", null, "{}");
        publisher.publish(event);
        publisher.publish(event);
        CloudEvent marker = publisher.publish(EventAddress.parse("sentral.itest.dedupe"), "acme", null, "{}");
        waitFor("marker", () -> files(out).stream().anyMatch(p -> p.getFileName().toString().startsWith(marker.id())));
        assertEquals(1, files(out).stream().filter(p -> p.getFileName().toString().startsWith(event.id())).count());
    }

    @Test
    public void eachTenantsEventsArriveInOrderWithConcurrentConsumers() throws Exception {
        Path out = outDir("order");
        deploy("itest-order", """
                <route id="itest-order"><from uri="sentral:itest.order?consumer=itest-order&amp;concurrentConsumers=4"/>
                  <setHeader name="CamelFileName"><simple>${header.SentralTenant}.txt</simple></setHeader>
                  <to uri="file:%s?fileExist=Append&amp;appendChars=\\n"/></route>""".formatted(out));
        int perTenant = 50;
        String[] tenants = {"t1", "t2", "t3"};
        for (int i = 0; i < perTenant; i++) {
            for (String tenant : tenants) {
                publisher.publish(EventAddress.parse("sentral.itest.order"), tenant, null, Integer.toString(i));
            }
        }
        for (String tenant : tenants) {
            Path file = out.resolve(tenant + ".txt");
            waitFor(tenant + " complete", () -> Files.exists(file) && lines(file).size() == perTenant);
            List<String> lines = lines(file);
            for (int i = 0; i < perTenant; i++) {
                assertEquals(tenant + " order", Integer.toString(i), lines.get(i));
            }
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
