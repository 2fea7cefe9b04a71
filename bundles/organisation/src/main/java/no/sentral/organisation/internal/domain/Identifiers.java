package no.sentral.organisation.internal.domain;

import java.util.Optional;

/**
 * The check-digit rules of the identifiers Link takes from people: organisation numbers (mod 11),
 * ICCIDs and IMEIs (Luhn). Each normaliser strips spaces and returns the canonical digits, or empty
 * when the input is not a valid identifier.
 */
public final class Identifiers {

    private static final int[] ORG_NUMBER_WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};

    private Identifiers() {
    }

    /**
     * A Norwegian organisation number: nine digits starting with 8 or 9 whose last digit is the mod-11
     * check of the first eight (weights 3 2 7 6 5 4 3 2); a remainder giving check digit 10 is never issued.
     */
    public static Optional<String> orgNumber(String input) {
        String digits = digits(input);
        if (digits == null || digits.length() != 9 || (digits.charAt(0) != '8' && digits.charAt(0) != '9')) {
            return Optional.empty();
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (digits.charAt(i) - '0') * ORG_NUMBER_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(8) - '0' ? Optional.of(digits) : Optional.empty();
    }

    /** An ICCID (SIM serial, ITU-T E.118): 19 or 20 digits starting with 89, the last a Luhn check digit. */
    public static Optional<String> iccid(String input) {
        String digits = digits(input);
        return digits != null && (digits.length() == 19 || digits.length() == 20) && digits.startsWith("89")
                && luhn(digits) ? Optional.of(digits) : Optional.empty();
    }

    /** An IMEI: 15 digits, the last a Luhn check digit over the first 14. */
    public static Optional<String> imei(String input) {
        String digits = digits(input);
        return digits != null && digits.length() == 15 && luhn(digits) ? Optional.of(digits) : Optional.empty();
    }

    /** True when the last digit is the Luhn check digit of the others. */
    public static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** The Luhn check digit that completes {@code body}; for generating test identifiers. */
    public static char luhnDigit(String body) {
        for (char c = '0'; c <= '9'; c++) {
            if (luhn(body + c)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not digits: " + body);
    }

    private static String digits(String input) {
        if (input == null) {
            return null;
        }
        String stripped = input.replace(" ", "");
        return stripped.isEmpty() || !stripped.chars().allMatch(c -> c >= '0' && c <= '9') ? null : stripped;
    }
}
