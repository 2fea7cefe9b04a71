package no.sentral.api.spi.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A text, when present, in one of the well-known formats. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
public @interface Format {

    Kind value();

    enum Kind {
        /** A UUID such as {@code 0b0c5a52-3f0e-4f55-9b9b-6a3c2f2f6f10}. */
        UUID,
        /** An e-mail address. */
        EMAIL,
        /** An RFC 3339 date and time with its offset, e.g. {@code 2026-01-31T23:00:00Z}. */
        DATE_TIME,
        /** A phone number in E.164, e.g. {@code +4798765432}. */
        E164
    }
}
