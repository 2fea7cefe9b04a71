package no.sentral.api.spi.rest;

import java.util.Objects;

/** {@code 202 Accepted}: the request was taken and is carried out after the answer; {@code body} says what follows. */
public record Accepted<T>(T body) {

    public Accepted {
        Objects.requireNonNull(body, "body");
    }
}
