package no.sentral.routes.eventarchive.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import no.sentral.api.event.EventHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventArchiveRoutesTest {

    @TempDir
    Path dir;

    @Test
    void appendsEventsAsJsonLinesPerTenantAndAddress() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new EventArchiveRoutes().with(dir.toString(), "sentral.demo.greeting"));
            // The sentral: component lives in the platform bundle; feed the route directly instead.
            AdviceWith.adviceWith(context, "archive-demo-greeting", route -> route.replaceFromWith("direct:in"));
            context.start();
            ProducerTemplate producer = context.createProducerTemplate();
            producer.sendBodyAndHeaders("direct:in", "{\"n\":1}", Map.of(EventHeaders.TENANT, "acme"));
            producer.sendBodyAndHeaders("direct:in", "{\"n\":2}", Map.of(EventHeaders.TENANT, "acme"));
            producer.sendBodyAndHeaders("direct:in", "{\"n\":3}", Map.of(EventHeaders.TENANT, "beta"));

            String day = LocalDate.now().format(DateTimeFormatter.ISO_LOCAL_DATE);
            assertEquals(List.of("{\"n\":1}", "{\"n\":2}"),
                    Files.readAllLines(dir.resolve("acme/sentral.demo.greeting-" + day + ".jsonl")));
            assertEquals(List.of("{\"n\":3}"),
                    Files.readAllLines(dir.resolve("beta/sentral.demo.greeting-" + day + ".jsonl")));
        }
    }

    @Test
    void refusesAnAddressThatIsNotAnEventAddress() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            assertThrows(IllegalArgumentException.class,
                    () -> context.addRoutes(new EventArchiveRoutes().with(dir.toString(), "not-an-address")));
        }
    }
}
