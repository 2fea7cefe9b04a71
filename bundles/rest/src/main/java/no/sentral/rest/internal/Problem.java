package no.sentral.rest.internal;

import java.util.List;
import no.sentral.api.failure.FieldError;

/**
 * An RFC 9457 problem detail. {@code type} is a stable URI per kind of error that clients may
 * switch on; {@code title} is short and the same for every occurrence; {@code detail} explains this one.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://sentral.no/problems/";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
