package no.sentral.organisation.internal.domain;

import java.util.List;
import java.util.regex.Pattern;
import no.sentral.api.failure.FieldError;

/**
 * The checks of fields people type into forms and files, shared by every entity that has them. Each
 * returns the value normalised (stripped, blank as null, phone numbers in E.164) and adds an error
 * to {@code errors} when the value is not acceptable.
 */
public final class Fields {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Fields() {
    }

    /** Optional free text: stripped, blank as null. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The longest name of a person, department, company or contact. */
    public static final int MAX_NAME = 200;

    /** A required name of 1-200 characters. */
    public static String name(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank() || value.length() > MAX_NAME) {
            errors.add(new FieldError(field, "1-" + MAX_NAME + " characters"));
            return null;
        }
        return value.strip();
    }

    /** An optional e-mail address. */
    public static String email(String field, String value, List<FieldError> errors) {
        String email = text(value);
        if (email != null && (!EMAIL.matcher(email).matches() || email.length() > 254)) {
            errors.add(new FieldError(field, "not an e-mail address: " + email));
        }
        return email;
    }

    /** An optional phone number, returned in E.164. */
    public static String phone(String field, String value, List<FieldError> errors) {
        String text = text(value);
        if (text == null) {
            return null;
        }
        String e164 = PhoneNumbers.e164(text).orElse(null);
        if (e164 == null) {
            errors.add(new FieldError(field, "not a valid phone number: " + value));
        }
        return e164;
    }

    /** A SIM's ICCID (19-20 digits starting with 89, Luhn check digit), returned as its digits. */
    public static String iccid(String field, String value, List<FieldError> errors) {
        String iccid = Identifiers.iccid(value).orElse(null);
        if (iccid == null) {
            errors.add(new FieldError(field, "not a valid ICCID (19-20 digits starting with 89, Luhn check digit): "
                    + value));
        }
        return iccid;
    }
}
