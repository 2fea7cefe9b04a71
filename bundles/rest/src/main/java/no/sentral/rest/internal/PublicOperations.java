package no.sentral.rest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations anyone may call without logging in, read from the OpenAPI document (those whose
 * {@code security} is empty), so that authentication can tell them apart before a request is matched.
 */
final class PublicOperations {

    private static final Pattern TEMPLATE = Pattern.compile("\\{[^}]+}");

    private record Operation(String method, Pattern path) {
    }

    static final PublicOperations NONE = new PublicOperations(List.of());

    private final List<Operation> operations;

    private PublicOperations(List<Operation> operations) {
        this.operations = List.copyOf(operations);
    }

    static PublicOperations of(JsonNode openApi) {
        List<Operation> operations = new ArrayList<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode security = op.getValue().path("security");
            if (security.isArray() && security.isEmpty()) {
                operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), regex(path.getKey())));
            }
        }));
        return new PublicOperations(operations);
    }

    /** Whether {@code method} on {@code path} (relative to the API's base, still percent-encoded) is public. */
    boolean contains(String method, String path) {
        String absolute = path.startsWith("/") ? path : "/" + path;
        return operations.stream().anyMatch(o -> o.method.equalsIgnoreCase(method)
                && o.path.matcher(absolute).matches());
    }

    /** A path template as a pattern: its variables match one segment each. */
    private static Pattern regex(String template) {
        StringBuilder regex = new StringBuilder();
        Matcher m = TEMPLATE.matcher(template);
        int at = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(at, m.start()))).append("[^/]+");
            at = m.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        return Pattern.compile(regex + "/?");
    }
}
