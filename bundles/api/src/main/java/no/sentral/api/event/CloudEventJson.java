package no.sentral.api.event;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
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

    /**
     * Reads the event token by token: {@code data} is taken from the text as it stands (the parser has checked
     * that it is JSON), not built into a tree and written out again, since every consumer decodes every event.
     *
     * @throws IllegalArgumentException with the reason when the text is not a valid CloudEvent
     */
    public static CloudEvent decode(String text) {
        Map<String, String> attributes = new HashMap<>();
        Map<String, Object> extensions = new LinkedHashMap<>();
        String data = null;
        try (JsonParser json = MAPPER.getFactory().createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a CloudEvent must be a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                if ("data".equals(name)) {
                    data = value == JsonToken.VALUE_NULL ? null : rawValue(json, text);
                } else if (CloudEvent.RESERVED.contains(name)) {
                    attributes.put(name, value == JsonToken.VALUE_NULL ? null : attribute(json, name));
                } else if (value != JsonToken.VALUE_NULL) {
                    extensions.put(name, extension(json, name));
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!CloudEvent.SPEC_VERSION.equals(attributes.get("specversion"))) {
            throw new IllegalArgumentException("specversion must be " + CloudEvent.SPEC_VERSION);
        }
        String time = attributes.get("time");
        String base64 = attributes.get("data_base64");
        if (base64 != null) {
            try {
                Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("data_base64 is not base64: " + e.getMessage());
            }
        }
        return new CloudEvent(required(attributes, "id"), required(attributes, "source"), required(attributes, "type"),
                time == null ? null : Rfc3339.parse(time), required(attributes, CloudEvent.TENANT),
                attributes.get("subject"), data, attributes.get("datacontenttype"), attributes.get("dataschema"),
                base64, extensions);
    }

    /** The current value's JSON text, from the first character of its first token to the last of its last. */
    private static String rawValue(JsonParser json, String text) throws IOException {
        int from = (int) json.currentTokenLocation().getCharOffset();
        json.skipChildren();
        json.finishToken();
        return text.substring(from, (int) json.currentLocation().getCharOffset());
    }

    /** A context attribute: a string (of a number or boolean, its text), never an object or array. */
    private static String attribute(JsonParser json, String name) throws IOException {
        if (json.currentToken().isStructStart()) {
            throw new IllegalArgumentException("CloudEvent attribute '" + name + "' must be a string");
        }
        return json.getText();
    }

    /** The JSON format's mapping of the type system: Integer as a number, Boolean as true/false, the rest as strings. */
    private static Object extension(JsonParser json, String name) throws IOException {
        switch (json.currentToken()) {
            case VALUE_STRING:
                return json.getText();
            case VALUE_TRUE:
            case VALUE_FALSE:
                return json.getBooleanValue();
            case VALUE_NUMBER_INT:
                if (json.getNumberType() == JsonParser.NumberType.INT) {
                    return json.getIntValue();
                }
                break;
            default:
                json.skipChildren();
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

    private static String required(Map<String, String> attributes, String name) {
        String value = attributes.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvent attribute '" + name + "' is missing");
        }
        return value;
    }
}
