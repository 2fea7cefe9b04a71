package no.sentral.api.spi.rest;

import java.util.Objects;

/**
 * {@code 201 Created}: {@code body} was made and lives at {@code location} (relative to {@code /api/v1},
 * e.g. {@code employees/42}); with a {@code version}, the answer carries it as a strong {@code ETag}.
 */
public record Created<T>(String location, T body, Integer version) {

    public Created {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(body, "body");
    }

    public static <T> Created<T> at(String location, T body) {
        return new Created<>(location, body, null);
    }

    public static <T> Created<T> at(String location, T body, int version) {
        return new Created<>(location, body, version);
    }
}
