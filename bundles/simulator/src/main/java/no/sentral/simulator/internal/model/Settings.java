package no.sentral.simulator.internal.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How the simulated people behave. {@code companies} maps each tenant to the numbers its callers dial;
 * rates and means are per company and in seconds; shares are probabilities; {@code ivrKeys} are the
 * keys callers choose from in a menu (empty: they press nothing and let the menu time out).
 * {@code concurrentCalls} above zero is load mode: that many callers are kept on the line in all, spread
 * over the companies, each replaced by a new caller of the same company when their call ends.
 */
public record Settings(Map<String, List<String>> companies, double callsPerHour, double meanTalkSeconds,
                       double meanPatienceSeconds, double callbackShare, double answerSeconds, double answerShare,
                       String ivrKeys, int concurrentCalls) {

    // Shared with the OSGi configuration's defaults, which must be constants.
    public static final double DEFAULT_CALLS_PER_HOUR = 120;
    public static final double DEFAULT_MEAN_TALK_SECONDS = 180;
    public static final double DEFAULT_MEAN_PATIENCE_SECONDS = 120;
    public static final double DEFAULT_CALLBACK_SHARE = 0.15;
    public static final double DEFAULT_ANSWER_SECONDS = 4;
    public static final double DEFAULT_ANSWER_SHARE = 0.9;
    public static final String DEFAULT_IVR_KEYS = "123";

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Pattern KEYS = Pattern.compile("[0-9*#]*");

    public Settings {
        LinkedHashMap<String, List<String>> copy = new LinkedHashMap<>();
        companies.forEach((tenant, numbers) -> {
            if (numbers.isEmpty()) {
                throw new IllegalArgumentException("company " + tenant + " has no number to call");
            }
            numbers.forEach(n -> {
                if (!E164.matcher(n).matches()) {
                    throw new IllegalArgumentException("company " + tenant + ": '" + n + "' is not an E.164 number");
                }
            });
            copy.put(tenant, List.copyOf(numbers));
        });
        companies = Collections.unmodifiableMap(copy);
        requireAtLeast("callsPerHour", callsPerHour, 0);
        requirePositive("meanTalkSeconds", meanTalkSeconds);
        requirePositive("meanPatienceSeconds", meanPatienceSeconds);
        requirePositive("answerSeconds", answerSeconds);
        requireShare("callbackShare", callbackShare);
        requireShare("answerShare", answerShare);
        requireAtLeast("concurrentCalls", concurrentCalls, 0);
        if (!KEYS.matcher(ivrKeys).matches()) {
            throw new IllegalArgumentException("ivrKeys '" + ivrKeys + "' may hold only 0-9, * and #");
        }
    }

    /** The default behaviour for these companies. */
    public static Settings defaults(Map<String, List<String>> companies) {
        return new Settings(companies, DEFAULT_CALLS_PER_HOUR, DEFAULT_MEAN_TALK_SECONDS,
                DEFAULT_MEAN_PATIENCE_SECONDS, DEFAULT_CALLBACK_SHARE, DEFAULT_ANSWER_SECONDS, DEFAULT_ANSWER_SHARE,
                DEFAULT_IVR_KEYS, 0);
    }

    /** Reads entries {@code tenant=+4722000000[,+4722000001...]}, in order. */
    public static Map<String, List<String>> parseCompanies(String... entries) {
        LinkedHashMap<String, List<String>> companies = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            String tenant = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (tenant.isEmpty()) {
                throw new IllegalArgumentException("company '" + entry + "' is not tenant=+47NUMBER[,+47NUMBER...]");
            }
            List<String> numbers = Arrays.stream(entry.substring(eq + 1).split(",")).map(String::trim)
                    .filter(n -> !n.isEmpty()).toList();
            if (companies.putIfAbsent(tenant, numbers) != null) {
                throw new IllegalArgumentException("company " + tenant + " is listed twice");
            }
        }
        return companies;
    }

    private static void requireAtLeast(String name, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a number of at least " + min + ", not " + value);
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, not " + value);
        }
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + value);
        }
    }
}
