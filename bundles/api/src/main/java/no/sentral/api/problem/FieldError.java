package no.sentral.api.problem;

/** A validation error of one input field, reported inside a 422 problem. */
public record FieldError(String field, String message) {
}
