package no.sentral.api.event;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * CloudEvents 1.0 structured JSON mode, with {@code tenant} as a required extension attribute: how events
 * travel on the backbone. Every optional attribute, {@code data_base64} and other extensions are kept, so an
 * event made by another CloudEvents implementation passes through unchanged.
 */
public final class CloudEventJson {

    // java.time values as ISO-8601 text, the way every consumer expects them.
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** The source of every event Sentral makes. */
    public static final String SOURCE = "/sentral";

    private CloudEventJson() {
    }

    /** A new event with a fresh id, {@code data} serialised to JSON (see {@link #toJson}). */
    public static CloudEvent newEvent(EventAddress address, String tenant, String subject, Object data, Instant time) {
        return new CloudEvent(UUID.randomUUID().toString(), SOURCE, address.toString(), time, tenant, subject,
                toJson(data));
    }

    /**
     * The event as structured-mode JSON. Its data goes in as it is: every event is made with data from
     * {@link #toJson} or {@link #decode}, which is JSON already, so it is not parsed and written again.
     */
    public static String encode(CloudEvent event) {
        StringWriter out = new StringWriter(256 + (event.data() == null ? 0 : event.data().length()));
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("specversion", CloudEvent.SPEC_VERSION);
            json.writeStringField("id", event.id());
            json.writeStringField("source", event.source());
            json.writeStringField("type", event.type());
            if (event.time() != null) {
                json.writeStringField("time", event.time().toString());
            }
            json.writeStringField(CloudEvent.TENANT, event.tenant());
            if (event.subject() != null) {
                json.writeStringField("subject", event.subject());
            }
            if (event.dataContentType() != null) {
                json.writeStringField("datacontenttype", event.dataContentType());
            }
            if (event.dataSchema() != null) {
                json.writeStringField("dataschema", event.dataSchema());
            }
            for (Map.Entry<String, Object> extension : event.extensions().entrySet()) {
                json.writeFieldName(extension.getKey());
                if (extension.getValue() instanceof Integer i) {
                    json.writeNumber(i);
                } else if (extension.getValue() instanceof Boolean b) {
                    json.writeBoolean(b);
                } else {
                    json.writeString((String) extension.getValue());
                }
            }
            if (event.data() != null) {
                json.writeFieldName("data");
                json.writeRawValue(event.data());
            }
            if (event.dataBase64() != null) {
                json.writeStringField("data_base64", event.dataBase64());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write event " + event.id(), e);
        }
        return out.toString();
    }

    /** Checks that an event made elsewhere carries JSON data, before it is sent as it is. */
    public static void requireJsonData(CloudEvent event) {
        if (event.data() != null) {
            checkJson(event.data());
        }
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
        Instant time = null;
        if (text(json, "time") != null) {
            try {
                time = Instant.parse(text(json, "time"));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("time is not an RFC 3339 instant: " + text(json, "time"));
            }
        }
        JsonNode data = json.get("data");
        String base64 = text(json, "data_base64");
        if (base64 != null) {
            try {
                Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("data_base64 is not base64: " + e.getMessage());
            }
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (!CloudEvent.RESERVED.contains(field.getKey()) && !field.getValue().isNull()) {
                extensions.put(field.getKey(), extension(field.getKey(), field.getValue()));
            }
        }
        return new CloudEvent(required(json, "id"), required(json, "source"), required(json, "type"), time,
                required(json, CloudEvent.TENANT), text(json, "subject"),
                data == null || data.isNull() ? null : data.toString(), text(json, "datacontenttype"),
                text(json, "dataschema"), base64, extensions);
    }

    /** The JSON format's mapping of the type system: Integer as a number, Boolean as true/false, the rest as strings. */
    private static Object extension(String name, JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.asInt();
        }
        throw new IllegalArgumentException("extension attribute '" + name + "' is not a string, integer or boolean");
    }

    /** Serialises a payload: JSON text is taken as it is (after checking it parses), anything else via Jackson. */
    public static String toJson(Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof String s) {
            checkJson(s);
            return s;
        }
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + data.getClass().getName() + " to JSON", e);
        }
    }

    /**
     * Checks that the text is exactly one JSON value, token by token, without building a tree of it: a
     * route passes every event it publishes through here.
     */
    private static void checkJson(String json) {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IllegalArgumentException("event data is not valid JSON: it is empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("event data is not valid JSON: more follows the value");
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
