package no.sentral.api.spi.rest;

/** Regular expressions for {@link Pattern} that several resources share, each with the rule it states. */
public final class Patterns {

    /** A company's (tenant's) id. */
    public static final String TENANT_ID = "^[a-z0-9][a-z0-9-]{1,62}$";
    public static final String TENANT_ID_RULE =
            "2-63 lower-case letters, digits or '-', starting with a letter or digit";

    /**
     * A phone number as people write it: E.164, or national digits with spaces, dots, dashes and brackets
     * ({@code +47 987 65 432}, {@code 987 65 432}); the server checks that it is a real number and answers it
     * in E.164.
     */
    public static final String PHONE = "^\\+?[0-9][0-9 ().-]{1,30}$";
    public static final String PHONE_RULE = "a phone number, e.g. +4798765432 or 987 65 432";

    private Patterns() {
    }
}
