package no.sentral.switchboard.internal.engine;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import no.sentral.switchboard.internal.config.UserConfig;

/**
 * Call barring on outgoing calls (PBX-11), by the categories of the caller's subscription and their
 * chosen prefixes. Emergency numbers are never barred.
 */
final class Barring {

    static final String INTERNATIONAL = "international-calls";
    static final String PREMIUM = "premium-numbers";
    /** Norwegian premium-rate ranges (8-digit numbers starting 820 and 829). */
    private static final List<String> PREMIUM_PREFIXES = List.of("+47820", "+47829");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");
    private static final Pattern NATIONAL = Pattern.compile("[2-9][0-9]{7}");
    private static final Set<String> EMERGENCY = Set.of("110", "112", "113", "+47110", "+47112", "+47113");

    private Barring() {
    }

    /** Why the call is barred, or empty when it may go through; {@code number} as {@link #normalise} gives it. */
    static Optional<String> check(UserConfig user, String number) {
        if (EMERGENCY.contains(number) || !number.startsWith("+")) {
            return Optional.empty();
        }
        if (user.barring().contains(INTERNATIONAL) && !number.startsWith("+47")) {
            return Optional.of("international calls are barred");
        }
        if (user.barring().contains(PREMIUM) && PREMIUM_PREFIXES.stream().anyMatch(number::startsWith)) {
            return Optional.of("premium-rate numbers are barred");
        }
        return user.barredPrefixes().stream().filter(number::startsWith).findFirst()
                .map(p -> "calls to " + p + " are barred");
    }

    /**
     * A dialled number in the form the plan and the barring rules use: {@code 00} becomes {@code +},
     * a Norwegian 8-digit number gets {@code +47}; short internal numbers stay as they are.
     */
    static String normalise(String dialled) {
        String n = SEPARATORS.matcher(dialled).replaceAll("");
        if (n.startsWith("00")) {
            return "+" + n.substring(2);
        }
        if (NATIONAL.matcher(n).matches()) {
            return "+47" + n;
        }
        return n;
    }
}
