package no.sentral.api.failure;

/** A validation error of one input field. */
public record FieldError(String field, String message) {
}
