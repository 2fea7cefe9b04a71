package no.sentral.organisation.internal.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;
import java.util.Set;
import no.sentral.api.organisation.SubscriptionKind;

/**
 * Phone numbers parsed and validated with libphonenumber. Numbers without a country code are read as
 * Norwegian, so "987 65 432" is accepted as typed and stored as "+4798765432".
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String DEFAULT_REGION = "NO";
    private static final Set<PhoneNumberType> MOBILE = Set.of(PhoneNumberType.MOBILE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE);
    private static final Set<PhoneNumberType> FIXED = Set.of(PhoneNumberType.FIXED_LINE,
            PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.VOIP, PhoneNumberType.TOLL_FREE,
            PhoneNumberType.SHARED_COST, PhoneNumberType.UAN);

    private PhoneNumbers() {
    }

    /** The number in E.164, or empty when it is not a valid number. */
    public static Optional<String> e164(String input) {
        return parse(input).map(n -> UTIL.format(n, PhoneNumberFormat.E164));
    }

    /**
     * The number in E.164 if it can carry a subscription of {@code kind}: a mobile subscription needs a
     * mobile number, a fixed one a fixed-line (or VoIP, service) number.
     */
    public static Optional<String> e164For(SubscriptionKind kind, String input) {
        Set<PhoneNumberType> allowed = kind == SubscriptionKind.MOBILE ? MOBILE : FIXED;
        return parse(input).filter(n -> allowed.contains(UTIL.getNumberType(n)))
                .map(n -> UTIL.format(n, PhoneNumberFormat.E164));
    }

    private static Optional<PhoneNumber> parse(String input) {
        if (input == null || input.isBlank() || input.length() > 32) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(input, DEFAULT_REGION);
            return UTIL.isValidNumber(number) ? Optional.of(number) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
