package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * The API contract: the distribution serves exactly the committed document
 * ({@code bundles/rest/src/main/openapi/openapi.json}) that clients, the generated one of these tests
 * included, are built from. After changing a resource, run this test with {@code -Dsentral.contract.update=true}
 * to write the served document there, and review the diff.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ApiContractIT extends SentralTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    public void theServedDocumentIsTheCommittedContract() throws Exception {
        HttpResponse<String> served = get("/api/v1/openapi.json", null);
        assertEquals(200, served.statusCode());
        JsonNode document = JSON.readTree(served.body());
        Path committed = Path.of(System.getProperty("sentral.it.contract"));
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        if (Boolean.getBoolean("sentral.contract.update")) {
            Files.writeString(committed, pretty);
        }
        if (!JSON.readTree(Files.readString(committed)).equals(document)) {
            Path copy = karafBase().resolve("openapi.json");
            Files.writeString(copy, pretty);
            throw new AssertionError("the served API document differs from " + committed + " (served: " + copy
                    + "); if the change is meant, run ApiContractIT with -Dsentral.contract.update=true");
        }
    }

    @Test
    public void everyOperationDeclaresItsAnswersAndEveryJsonBodyHasASchema() throws Exception {
        JsonNode paths = contract().document().get("paths");
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String what = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = op.getValue().get("responses");
            assertTrue(what + " declares a success", responses.has("200") || responses.has("201")
                    || responses.has("202") || responses.has("204"));
            responses.fields().forEachRemaining(r -> r.getValue().path("content").fields().forEachRemaining(c ->
                    assertTrue(what + " " + r.getKey() + " " + c.getKey() + " has a schema",
                            c.getValue().has("schema"))));
            if (!op.getValue().get("security").isEmpty()) {
                assertTrue(what + " declares 401", responses.has("401"));
            }
            if (responses.has("201")) {
                assertTrue(what + " says where the new resource is", responses.at("/201/headers/Location").isObject());
            }
            op.getValue().path("requestBody").path("content").fields().forEachRemaining(c -> {
                assertTrue(what + " takes " + c.getKey() + " with a schema", c.getValue().has("schema"));
                assertTrue(what + " declares 415", responses.has("415"));
            });
        }));
    }
}
