package no.sentral.api.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parsing of request parameters that answers bad input with a validation problem naming the field. */
public final class Parse {

    private Parse() {
    }

    /** An ISO-8601 instant, or null when the value is absent. */
    public static Instant instant(String field, String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "an ISO-8601 instant, e.g. 2026-01-31T23:00:00Z");
        }
    }

    /**
     * The version named by a required If-Match header: {@code "3"} (or {@code W/"3"}). Missing: 428, so
     * that a change made meanwhile by someone else is not overwritten; not a version: 412.
     */
    public static int ifMatch(String header) {
        if (header == null || header.isBlank()) {
            throw ProblemException.preconditionRequired("send If-Match with the ETag you read, so that a change"
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
            throw ProblemException.preconditionFailed("If-Match " + header + " is not an ETag of this entity");
        }
    }
}
