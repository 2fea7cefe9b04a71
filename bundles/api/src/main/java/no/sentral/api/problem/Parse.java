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
}
