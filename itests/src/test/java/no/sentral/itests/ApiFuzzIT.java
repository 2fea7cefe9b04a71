package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * Every operation of the API document, called with odd path values and odd bodies by the platform admin and by
 * a company admin: no answer is a 5xx, and every answer is what the document says (the shared helpers check
 * each one against it).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class ApiFuzzIT extends SentralTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Path values that are blank, climb out, are not ids, overflow, are encoded, or are ids of nothing. */
    private static final List<String> PATH_VALUES = List.of("%20", "x", "..%2F..", "99999999999999999999",
            "%E2%82%AC", "00000000-0000-0000-0000-000000000000");
    private static final List<String> BODIES = List.of("{}", "null", "[{}]", "{");

    @Test
    public void noValueOfAPathOrBodyGivesA5xx() throws Exception {
        List<String> callers = List.of(adminAuth(), newCompany("fuzz-co"));
        JsonNode document = contract().document();
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                JsonNode content = op.getValue().path("requestBody").path("content");
                boolean json = content.has("application/json");
                List<String> bodies = new ArrayList<>(json ? BODIES : List.of());
                if (json) {
                    bodies.addAll(shapes(document, content.at("/application~1json/schema")));
                }
                String type = json ? "application/json" : content.fieldNames().hasNext() ? content.fieldNames().next()
                        : null;
                for (String value : path.getKey().contains("{") ? PATH_VALUES : List.of("")) {
                    String target = "/api/v1" + path.getKey().replaceAll("\\{[^}]+}", value);
                    // Odd paths by both callers with an empty object; odd bodies by the company, at an id of nothing.
                    boolean bodyRound = value.startsWith("0000") || value.isEmpty();
                    for (String body : bodyRound ? bodies : List.of("{}")) {
                        for (String caller : bodyRound && !body.equals("{}") ? callers.subList(1, 2) : callers) {
                            try {
                                calls++;
                                HttpResponse<String> r = send(method, target, caller, type, type == null ? null
                                        : body, "If-Match", "\"1\"");
                                if (r.statusCode() >= 500) {
                                    failures.add(method + " " + target + " " + body + " -> " + r.body());
                                }
                            } catch (AssertionError e) {
                                failures.add(e.getMessage());
                            }
                        }
                    }
                }
            }
        }
        assertTrue(calls > 500);
        assertEquals(String.join("\n", failures), 0, failures.size());
    }

    /** Bodies of the schema's shape with every field null, blank, too long, or holding null items. */
    private static List<String> shapes(JsonNode document, JsonNode schema) {
        List<String> shapes = new ArrayList<>();
        for (String mode : List.of("null", "blank", "long", "null-items", "negative")) {
            shapes.add(sample(document, schema, mode, 0).toString());
        }
        return shapes;
    }

    private static JsonNode sample(JsonNode document, JsonNode schema, String mode, int depth) {
        while (schema.has("$ref")) {
            schema = document.at(schema.get("$ref").asText().substring(1));
        }
        String type = schema.path("type").asText();
        if (depth > 3) {
            return JSON.nullNode();
        }
        switch (type) {
            case "object" -> {
                ObjectNode object = JSON.createObjectNode();
                schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(),
                        mode.equals("null") ? JSON.nullNode() : sample(document, p.getValue(), mode, depth + 1)));
                return object;
            }
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                array.add(mode.equals("null-items") ? JSON.nullNode() : sample(document, schema.path("items"), mode,
                        depth + 1));
                return array;
            }
            case "string" -> {
                return JSON.getNodeFactory().textNode(mode.equals("blank") ? " " : mode.equals("long")
                        ? "x".repeat(5000) : schema.has("enum") ? schema.get("enum").get(0).asText() : "x");
            }
            case "integer", "number" -> {
                return JSON.getNodeFactory().numberNode(mode.equals("negative") ? Long.MIN_VALUE : 1);
            }
            case "boolean" -> {
                return JSON.getNodeFactory().booleanNode(true);
            }
            default -> {
                return JSON.createObjectNode();
            }
        }
    }
}
