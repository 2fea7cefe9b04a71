package no.sentral.api.spi.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The JSON documents an operation takes and answers are one of these types, where its Java signature cannot
 * say which: a resource that reads the JSON itself ({@code JsonNode}, {@code Object}), its type chosen by a
 * path parameter. The contract names the choice {@link #name()} and refers to it wherever such a document
 * stands, so that generated clients get one type for it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface AnyOf {

    /** The schema's name in the contract's components. */
    String name();

    Class<?>[] value();
}
