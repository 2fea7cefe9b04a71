package no.sentral.platform.internal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import no.sentral.api.event.CloudEvent;

/** CloudEvents 1.0 structured JSON mode, with {@code tenant} as an extension attribute. */
public final class CloudEventCodec {

    // java.time values as ISO-8601 text, the way every consumer expects them.
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private CloudEventCodec() {
    }

    public static String encode(CloudEvent event) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("specversion", CloudEvent.SPEC_VERSION);
        json.put("id", event.id());
        json.put("source", event.source());
        json.put("type", event.type());
        json.put("time", event.time().toString());
        json.put("tenant", event.tenant());
        if (event.subject() != null) {
            json.put("subject", event.subject());
        }
        if (event.data() != null) {
            json.put("datacontenttype", CloudEvent.DATA_CONTENT_TYPE);
            json.set("data", parseJson(event.data()));
        }
        return json.toString();
    }

    /** @throws IllegalArgumentException with the reason when the text is not a valid CloudEvent */
    public static CloudEvent decode(String text) {
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("a CloudEvent must be a JSON object");
        }
        if (!CloudEvent.SPEC_VERSION.equals(text(json, "specversion"))) {
            throw new IllegalArgumentException("specversion must be " + CloudEvent.SPEC_VERSION);
        }
        Instant time;
        try {
            time = Instant.parse(required(json, "time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an RFC 3339 instant: " + text(json, "time"));
        }
        JsonNode data = json.get("data");
        return new CloudEvent(required(json, "id"), required(json, "source"), required(json, "type"), time,
                required(json, "tenant"), text(json, "subject"),
                data == null || data.isNull() ? null : data.toString());
    }

    /** Serialises a payload: JSON text is taken as it is (after checking it parses), anything else via Jackson. */
    public static String toJson(Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof String s) {
            return parseJson(s).toString();
        }
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + data.getClass().getName() + " to JSON", e);
        }
    }

    private static JsonNode parseJson(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String required(JsonNode json, String field) {
        String value = text(json, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvent attribute '" + field + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }
}
