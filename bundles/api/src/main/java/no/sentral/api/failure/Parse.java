package no.sentral.api.failure;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parsing of request values that answers bad input with a validation failure naming the field. */
public final class Parse {

    private Parse() {
    }

    /** An ISO-8601 instant, or null when the value is absent. */
    public static Instant instant(String field, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw DomainException.invalid(field, "an ISO-8601 instant, e.g. 2026-01-31T23:00:00Z");
        }
    }

    /**
     * The version a change says it changes, as an entity tag: {@code "3"} (or {@code W/"3"}, as If-Match
     * carries it). Missing: version required, so that a change made meanwhile by someone else is not
     * overwritten; not a version of this entity: stale.
     */
    public static int expectedVersion(String header) {
        if (header == null || header.isBlank()) {
            throw DomainException.versionRequired("send If-Match with the ETag you read, so that a change"
                    + " made meanwhile by someone else is not overwritten");
        }
        String tag = header.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw DomainException.stale("If-Match " + header + " is not an ETag of this entity");
        }
    }
}
