package no.sentral.routes.cdrexport.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import no.sentral.api.csv.SpreadsheetCells;
import no.sentral.api.event.EventHeaders;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Call detail records to a billing or CRM system: each {@code sentral.call.ended} event becomes
 * either one CSV line appended to a file per company and day, or the event's JSON as one document
 * per call, sent to the configured endpoint.
 */
@Component(service = RoutesBuilder.class, configurationPid = "no.sentral.routes.cdrexport")
@Designate(ocd = CdrExportRoutes.Config.class)
public class CdrExportRoutes extends RouteBuilder {

    static final String CONSUMER = "cdr-export";
    static final String ROUTE_ID = "cdr-export-ended-calls";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Billing days are Norwegian business days, not UTC days. */
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /** The CSV columns taken as they are from the record; the condensed path follows them. */
    private static final List<String> FIELDS = List.of("call", "startedAt", "answeredAt", "endedAt", "direction",
            "from", "to", "disposition", "answeredBy", "queue", "waitSeconds", "talkSeconds");

    enum Format { CSV, JSON }

    @ObjectClassDefinition(name = "Sentral CDR export route")
    public @interface Config {
        @AttributeDefinition(description = "Camel endpoint the call detail records are sent to")
        String endpoint() default "file:data/sentral/cdr-outbox";

        @AttributeDefinition(description = "csv: one line per call in a file per company and day; "
                + "json: the call record as one document per call",
                options = {@Option(label = "CSV", value = "csv"), @Option(label = "JSON", value = "json")})
        String format() default "csv";
    }

    private String endpoint;
    private Format format;

    @Activate
    void activate(Config config) {
        with(config.endpoint(), config.format());
    }

    /** Plain construction for tests and for use outside OSGi. */
    CdrExportRoutes with(String endpoint, String format) {
        this.endpoint = endpoint;
        this.format = Format.valueOf(format.strip().toUpperCase(Locale.ROOT));
        return this;
    }

    @Override
    public void configure() {
        from("sentral:sentral.call.ended?consumer=" + CONSUMER)
                .routeId(ROUTE_ID)
                .process(format == Format.CSV ? CdrExportRoutes::toCsv : CdrExportRoutes::toJson)
                .to(format == Format.CSV ? appending(endpoint) : endpoint);
    }

    private static void toCsv(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        JsonNode cdr = JSON.readTree(in.getBody(String.class));
        // The terminator travels in the body so that a non-file endpoint also receives a whole record.
        in.setBody(csvRecord(cdr));
        LocalDate day = LocalDate.ofInstant(Instant.parse(cdr.path("startedAt").asText()), OSLO);
        in.setHeader(Exchange.FILE_NAME, in.getHeader(EventHeaders.TENANT, String.class) + "/" + day + ".csv");
        in.setHeader(Exchange.CONTENT_TYPE, "text/csv");
    }

    private static void toJson(Exchange exchange) throws IOException {
        Message in = exchange.getIn();
        String call = JSON.readTree(in.getBody(String.class)).path("call").asText();
        in.setHeader(Exchange.FILE_NAME, in.getHeader(EventHeaders.TENANT, String.class) + "/" + call + ".json");
        in.setHeader(Exchange.CONTENT_TYPE, "application/json");
    }

    /**
     * One CSV record (RFC 4180, with its CRLF): the {@link #FIELDS}, nulls as empty fields, then the
     * path as {@code kind:target} steps joined by {@code " > "}. Billing staff open these files in a
     * spreadsheet, and caller numbers and menu names come from outside: cells are defused like every
     * CSV Sentral writes ({@link SpreadsheetCells}).
     */
    static String csvRecord(JsonNode cdr) {
        List<String> cells = new ArrayList<>();
        for (String field : FIELDS) {
            cells.add(cdr.hasNonNull(field) ? cdr.get(field).asText() : "");
        }
        StringJoiner path = new StringJoiner(" > ");
        for (JsonNode hop : cdr.path("path")) {
            path.add(hop.hasNonNull("target") ? hop.path("kind").asText() + ":" + hop.get("target").asText()
                    : hop.path("kind").asText());
        }
        cells.add(path.toString());
        StringBuilder record = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(record, CSVFormat.RFC4180)) {
            printer.printRecord(cells.stream().map(SpreadsheetCells::defuse));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return record.toString();
    }

    /**
     * A day file collects many calls, so a file endpoint must append instead of replacing it; a
     * {@code fileExist} the integrator set is kept, and other endpoints are left as they are.
     */
    static String appending(String endpoint) {
        if (!endpoint.startsWith("file:") || endpoint.matches(".*[?&]fileExist=.*")) {
            return endpoint;
        }
        return endpoint + (endpoint.contains("?") ? "&" : "?") + "fileExist=Append";
    }
}
