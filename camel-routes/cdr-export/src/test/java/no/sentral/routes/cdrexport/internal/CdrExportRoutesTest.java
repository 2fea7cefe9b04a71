package no.sentral.routes.cdrexport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import no.sentral.api.event.EventHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdrExportRoutesTest {

    private static final String ABANDONED = """
            {"tenant":"acme","call":"c-1","direction":"INBOUND","from":"+4722000001","to":"+4723000000",
             "startedAt":"2026-11-25T23:30:00Z","answeredAt":null,"endedAt":"2026-11-25T23:31:10Z",
             "disposition":"ABANDONED","answeredBy":null,"queue":"q-sales","waitSeconds":70,"talkSeconds":0,
             "users":["e1"],
             "path":[{"at":"2026-11-25T23:30:00Z","kind":"number","target":"+4723000000","detail":null},
                     {"at":"2026-11-25T23:30:05Z","kind":"menu","target":"Sales, \\"VIP\\"","detail":"key 1, sales"},
                     {"at":"2026-11-25T23:30:09Z","kind":"queue","target":"q-sales","detail":"position 2"}]}
            """;
    private static final String ANSWERED = """
            {"tenant":"acme","call":"c-2","direction":"OUTBOUND","from":"+4723000000","to":"+4791234567",
             "startedAt":"2026-11-26T08:00:00Z","answeredAt":"2026-11-26T08:00:04Z","endedAt":"2026-11-26T08:02:04Z",
             "disposition":"ANSWERED","answeredBy":"e1","queue":null,"waitSeconds":4,"talkSeconds":120,
             "users":["e1"],"path":[{"at":"2026-11-26T08:00:04Z","kind":"answered","target":"e1","detail":null}]}
            """;

    @TempDir
    Path dir;

    @Test
    void writesOneCsvRecordPerCallQuotingWhatNeedsIt() throws Exception {
        assertEquals("c-1,2026-11-25T23:30:00Z,,2026-11-25T23:31:10Z,INBOUND,+4722000001,+4723000000,ABANDONED,,"
                + "q-sales,70,0,\"number:+4723000000 > menu:Sales, \"\"VIP\"\" > queue:q-sales\"\r\n",
                CdrExportRoutes.csvRecord(new ObjectMapper().readTree(ABANDONED)));
    }

    @Test
    void defusesCellsASpreadsheetWouldRunAsFormulas() throws Exception {
        // A caller's number and a queue's name come from outside; a billing clerk opens the file in Excel.
        String hostile = ANSWERED.replace("\"+4723000000\"", "\"=HYPERLINK(\\\"http://evil\\\")\"")
                .replace("\"queue\":null", "\"queue\":\"@SUM(1+1)\"").replace("\"answeredBy\":\"e1\"",
                        "\"answeredBy\":\"\\t-1+1\"");
        assertEquals("c-2,2026-11-26T08:00:00Z,2026-11-26T08:00:04Z,2026-11-26T08:02:04Z,OUTBOUND,"
                + "\"'=HYPERLINK(\"\"http://evil\"\")\",+4791234567,ANSWERED,'\t-1+1,'@SUM(1+1),4,120,answered:e1\r\n",
                CdrExportRoutes.csvRecord(new ObjectMapper().readTree(hostile)));
    }

    @Test
    void appendsTheCallsOfACompanyToTheFileOfTheirOsloDay() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new CdrExportRoutes().with("file:" + dir, "csv"));
            // The sentral: component lives in the platform bundle; feed the route directly instead.
            AdviceWith.adviceWith(context, CdrExportRoutes.ROUTE_ID, route -> route.replaceFromWith("direct:in"));
            context.start();
            ProducerTemplate producer = context.createProducerTemplate();
            producer.sendBodyAndHeaders("direct:in", ABANDONED, Map.of(EventHeaders.TENANT, "acme"));
            producer.sendBodyAndHeaders("direct:in", ANSWERED, Map.of(EventHeaders.TENANT, "acme"));

            // 23:30 UTC on 25 November is 00:30 on the 26th in Oslo.
            assertFalse(Files.exists(dir.resolve("acme/2026-11-25.csv")));
            List<String> lines = Files.readAllLines(dir.resolve("acme/2026-11-26.csv"));
            assertEquals(2, lines.size());
            assertEquals("c-2,2026-11-26T08:00:00Z,2026-11-26T08:00:04Z,2026-11-26T08:02:04Z,OUTBOUND,+4723000000,"
                    + "+4791234567,ANSWERED,e1,,4,120,answered:e1", lines.get(1));
        }
    }

    @Test
    void sendsTheCallRecordAsItIsInJsonMode() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            // A non-file endpoint, as an HTTP one would be: it gets the document and the headers.
            context.addRoutes(new CdrExportRoutes().with("mock:billing", "json"));
            AdviceWith.adviceWith(context, CdrExportRoutes.ROUTE_ID, route -> route.replaceFromWith("direct:in"));
            context.start();
            MockEndpoint billing = context.getEndpoint("mock:billing", MockEndpoint.class);
            billing.expectedBodiesReceived(ANSWERED);
            billing.expectedHeaderReceived(Exchange.FILE_NAME, "acme/c-2.json");
            billing.expectedHeaderReceived(Exchange.CONTENT_TYPE, "application/json");
            context.createProducerTemplate().sendBodyAndHeaders("direct:in", ANSWERED,
                    Map.of(EventHeaders.TENANT, "acme"));
            billing.assertIsSatisfied();
        }
    }

    @Test
    void makesOnlyAFileEndpointWithoutItsOwnFileExistAppend() {
        assertEquals("file:out?fileExist=Append", CdrExportRoutes.appending("file:out"));
        assertEquals("file:out?charset=UTF-8&fileExist=Append", CdrExportRoutes.appending("file:out?charset=UTF-8"));
        assertEquals("file:out?fileExist=Fail", CdrExportRoutes.appending("file:out?fileExist=Fail"));
        assertEquals("https://crm.example.com/cdr", CdrExportRoutes.appending("https://crm.example.com/cdr"));
    }
}
