package no.sentral.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event as carried on the backbone (structured JSON mode). {@code tenant} is a
 * CloudEvents extension attribute: every event belongs to exactly one company.
 *
 * @param id       unique per event; consumers de-duplicate on it
 * @param source   URI reference of the producer, e.g. {@code /sentral/switchboard}
 * @param type     the event address, e.g. {@code sentral.call.ended}
 * @param time     when it happened (UTC instant)
 * @param tenant   the company the event belongs to
 * @param subject  optional: the entity inside the tenant, e.g. a call id
 * @param data     the payload as JSON text, or null
 */
public record CloudEvent(String id, String source, String type, Instant time, String tenant,
                         String subject, String data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public CloudEvent {
        requireText(id, "id");
        requireText(source, "source");
        requireText(type, "type");
        requireText(tenant, "tenant");
        Objects.requireNonNull(time, "time");
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("CloudEvent attribute '" + name + "' is required");
        }
    }
}
