package no.sentral.api.event;

import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A CloudEvents 1.0 event as carried on the backbone (structured JSON mode). {@code tenant} is a
 * CloudEvents extension attribute: every event belongs to exactly one company.
 *
 * @param id              unique per event; consumers de-duplicate on it
 * @param source          URI reference of the producer, e.g. {@code /sentral/switchboard}
 * @param type            the event address, e.g. {@code sentral.call.ended}
 * @param time            optional: when it happened (UTC instant)
 * @param tenant          the company the event belongs to
 * @param subject         optional: the entity inside the tenant, e.g. a call id
 * @param data            the payload as JSON text (the {@code data} member), or null
 * @param dataContentType optional {@code datacontenttype}
 * @param dataSchema      optional {@code dataschema}
 * @param dataBase64      binary data as base64 text (the {@code data_base64} member), or null; never with {@code data}
 * @param extensions      further extension attributes (String, Integer or Boolean values), kept as they came
 */
public record CloudEvent(String id, String source, String type, Instant time, String tenant,
                         String subject, String data, String dataContentType, String dataSchema,
                         String dataBase64, Map<String, Object> extensions) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";
    public static final String TENANT = "tenant";
    /** Member names of the JSON format that are not extensions. */
    static final Set<String> RESERVED = Set.of("specversion", "id", "source", "type", "time", "subject",
            "datacontenttype", "dataschema", "data", "data_base64", TENANT);

    public CloudEvent {
        requireText(id, "id");
        requireText(source, "source");
        requireText(type, "type");
        requireText(tenant, "tenant");
        if (data != null && dataBase64 != null) {
            throw new IllegalArgumentException("a CloudEvent has either data or data_base64, not both");
        }
        extensions = extensions == null || extensions.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
        for (Map.Entry<String, Object> e : extensions.entrySet()) {
            // The spec: lower-case letters and digits only; values of its type system.
            if (!e.getKey().matches("[a-z0-9]+") || RESERVED.contains(e.getKey())) {
                throw new IllegalArgumentException("not an extension attribute name: " + e.getKey());
            }
            if (!(e.getValue() instanceof String || e.getValue() instanceof Integer || e.getValue() instanceof Boolean)) {
                throw new IllegalArgumentException("extension attribute '" + e.getKey()
                        + "' must be a String, Integer or Boolean: " + e.getValue());
            }
        }
    }

    /** An event of Sentral's own: JSON data (or none), no further attributes. */
    public CloudEvent(String id, String source, String type, Instant time, String tenant, String subject, String data) {
        this(id, source, type, time, tenant, subject, data, data == null ? null : DATA_CONTENT_TYPE, null, null, Map.of());
    }

    /** The binary data of a {@code data_base64} event, or null. */
    public byte[] binaryData() {
        return dataBase64 == null ? null : Base64.getDecoder().decode(dataBase64);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvent attribute '" + name + "' is required");
        }
    }
}
