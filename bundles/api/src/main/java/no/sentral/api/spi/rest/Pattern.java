package no.sentral.api.spi.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text, when present, matches this regular expression somewhere (anchor it with ^ and $ to match the
 * whole); write it in the subset that Java and ECMA-262 (JSON Schema's dialect) read alike.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Pattern {
    String value();

    /** What a person should send instead, for the error message, e.g. "a phone number". */
    String message();
}
