package no.sentral.api.spi.rest;

import java.util.Objects;

/**
 * {@code 200 OK} with {@code body} and its version as a strong {@code ETag}, which a client sends back in
 * {@code If-Match} to change it.
 */
public record Versioned<T>(T body, int version) {

    public Versioned {
        Objects.requireNonNull(body, "body");
    }
}
