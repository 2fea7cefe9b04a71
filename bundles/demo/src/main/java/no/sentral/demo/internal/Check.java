package no.sentral.demo.internal;

/** Check digits of the identifiers the demo makes up, so that Sentral's validation accepts them. */
final class Check {

    private Check() {
    }

    /** {@code body} with its Luhn check digit (ICCIDs, IMEIs). */
    static String luhn(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            int digit = body.charAt(body.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return body + (char) ('0' + (10 - sum % 10) % 10);
    }

    /** An eight-digit {@code body} with its Norwegian organisation-number (mod 11) check digit, or null when none exists. */
    static String mod11(String body) {
        int[] weights = {3, 2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * (body.charAt(i) - '0');
        }
        int check = 11 - sum % 11;
        return check == 10 ? null : body + (check == 11 ? 0 : check);
    }
}
