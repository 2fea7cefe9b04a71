package no.sentral.itests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks an answer of the API against its OpenAPI document: the operation must declare the status
 * (explicitly: {@code default} is for failures a test never provokes), the media type, and a JSON body
 * must validate against the declared schema. An answer for no operation of the document (an unknown path,
 * a method the path does not have) must be a problem.
 */
final class ContractCheck {

    static final String API = "/api/v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
            builder -> builder.metaSchema(OpenApi30.getInstance()).defaultMetaSchemaIri(OpenApi30.getInstance().getIri()));
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    ContractCheck(JsonNode document) {
        this.document = document;
    }

    JsonNode document() {
        return document;
    }

    /** An operation of the document: its path template and method, and its entry. */
    record Operation(String path, String method, JsonNode node) {
    }

    /** Throws an AssertionError naming what the answer to {@code method path} breaks. */
    void check(String method, URI uri, HttpResponse<?> response) {
        String path = uri.getRawPath();
        if (!URI.create(path.replaceAll("(?i)%2F", "/")).normalize().getPath().startsWith("/api/")) {
            return; // its encoded slashes and dots lead out of /api, to what is not the API's to answer
        }
        if (!path.startsWith(API + "/") && !path.equals(API)) {
            if (path.startsWith("/api/") && response.statusCode() >= 400) {
                problem(method + " " + path, response);
            }
            return;
        }
        int status = response.statusCode();
        String what = method + " " + path + " answered " + status;
        Operation operation = operation(method, path.substring(API.length()));
        if (operation == null) {
            if (status < 400) {
                throw new AssertionError(what + ", but the API document has no such operation");
            }
            problem(what, response);
            return;
        }
        JsonNode answer = operation.node().path("responses").path(String.valueOf(status));
        if (answer.has("$ref")) {
            answer = document.at(answer.get("$ref").asText().substring(1));
        }
        if (answer.isMissingNode()) {
            throw new AssertionError(what + ", which " + operation.method().toUpperCase(Locale.ROOT) + " "
                    + operation.path() + " does not declare (it declares "
                    + iterable(operation.node().path("responses").fieldNames()) + ")");
        }
        JsonNode content = answer.path("content");
        String type = response.headers().firstValue("Content-Type").map(t -> t.split(";")[0].strip()
                .toLowerCase(Locale.ROOT)).orElse(null);
        if (content.isMissingNode() || content.isEmpty()) {
            if (type != null && !method.equals("HEAD") && bodyOf(response).length() > 0) {
                throw new AssertionError(what + " with a " + type + " body where the document declares none");
            }
            return;
        }
        if (type == null || !content.has(type)) {
            throw new AssertionError(what + " as " + type + ", not one of " + iterable(content.fieldNames()));
        }
        if (type.equals("application/json") || type.endsWith("+json")) {
            validate(what, content.get(type).get("schema"), bodyOf(response));
        }
    }

    private void problem(String what, HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            throw new AssertionError(what + " as " + type + ", not application/problem+json: " + bodyOf(response));
        }
        validate(what, document.at("/components/responses/NotFound/content/application~1problem+json/schema"),
                bodyOf(response));
    }

    private void validate(String what, JsonNode schema, String body) {
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(what + " with a body that is not JSON: " + body, e);
        }
        JsonSchema validator = schemas.computeIfAbsent(schema.toString(), key -> {
            // The schema in a document of its own that carries the components its references point into.
            ObjectNode root = JSON.createObjectNode();
            root.putArray("allOf").add(schema);
            root.set("components", document.get("components"));
            return factory.getSchema(root, config);
        });
        Set<ValidationMessage> errors = validator.validate(value);
        if (!errors.isEmpty()) {
            throw new AssertionError(what + " with a body that breaks the document: " + errors.stream()
                    .map(ValidationMessage::getMessage).collect(Collectors.joining("; ")) + "\n" + abbreviated(body));
        }
    }

    /** The operation of the document for a path below /api/v1; literal segments win over template variables. */
    Operation operation(String method, String path) {
        Operation best = null;
        int bestLiterals = -1;
        for (Iterator<Map.Entry<String, JsonNode>> it = document.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode node = entry.getValue().get(method.toLowerCase(Locale.ROOT));
            String template = entry.getKey();
            if (node == null || !regex(template).matcher(path).matches()) {
                continue;
            }
            int literals = template.replaceAll("\\{[^}]+}", "").length();
            if (literals > bestLiterals) {
                best = new Operation(template, method.toLowerCase(Locale.ROOT), node);
                bestLiterals = literals;
            }
        }
        return best;
    }

    private static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex + "/?");
    }

    private static String bodyOf(HttpResponse<?> response) {
        Object body = response.body();
        return body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : body == null ? "" : body.toString();
    }

    private static String abbreviated(String body) {
        return body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
    }

    private static String iterable(Iterator<String> names) {
        StringBuilder out = new StringBuilder();
        names.forEachRemaining(n -> out.append(out.length() == 0 ? "" : ", ").append(n));
        return out.toString();
    }
}
