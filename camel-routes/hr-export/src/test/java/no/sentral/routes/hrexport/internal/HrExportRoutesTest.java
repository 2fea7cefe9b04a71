package no.sentral.routes.hrexport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import no.sentral.api.event.EventHeaders;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HrExportRoutesTest {

    @TempDir
    Path dir;

    @Test
    void sendsEachNewEmployeeAsOneDocumentPerCompany() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.addRoutes(new HrExportRoutes().with("file:" + dir));
            // The sentral: component lives in the platform bundle; feed the route directly instead.
            AdviceWith.adviceWith(context, HrExportRoutes.ROUTE_ID, route -> route.replaceFromWith("direct:in"));
            context.start();
            context.createProducerTemplate().sendBodyAndHeaders("direct:in", """
                    {"id":"e1","departmentId":"d1","name":"Kari Nordmann","email":"kari@acme.no","mobile":"+4798765432",
                     "title":null,"language":"nb","employeeNumber":"1001","username":null,"hasPhoto":false,"version":1}
                    """, Map.of(EventHeaders.TENANT, "acme", EventHeaders.EVENT_ID, "ev-1"));
            assertEquals(new ObjectMapper().readTree("""
                    {"company":"acme","sourceEventId":"ev-1","employeeNumber":"1001","name":"Kari Nordmann",
                     "email":"kari@acme.no","mobile":"+4798765432","departmentId":"d1","sentralId":"e1"}
                    """), new ObjectMapper().readTree(Files.readString(dir.resolve("acme/e1.json"))));
        }
    }
}
