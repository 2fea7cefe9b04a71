package no.sentral.api.spi.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An answer of a resource method that returns a JAX-RS {@code Response}, whose type says nothing of it: its
 * status and the type of its body, in the method's {@code @Produces} media types ({@code byte[]} for a file).
 * Prefer a typed return value ({@link Created}, {@link Versioned}, a record); this is for the rest, such as
 * an answer whose status depends on its content.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Responds.All.class)
public @interface Responds {

    int status();

    /** The body's type; {@code Void} for none. */
    Class<?> body();

    /** The headers the answer always carries, such as {@code Location} or {@code Set-Cookie}. */
    String[] headers() default {};

    /** The container of repeated {@link Responds}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface All {
        Responds[] value();
    }
}
