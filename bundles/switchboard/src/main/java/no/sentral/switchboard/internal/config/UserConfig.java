package no.sentral.switchboard.internal.config;

import java.util.List;
import java.util.Map;

/**
 * An employee as the switchboard knows them. {@code forward} sends their direct calls elsewhere by
 * availability ({@code busy}, {@code meeting}, {@code away}, {@code off-work}) or when they are on
 * the phone ({@code in-call}) or do not answer ({@code no-answer}). {@code barring} lists barring
 * categories of their subscription (PBX-11) and {@code barredPrefixes} chosen E.164 prefixes.
 */
public record UserConfig(String id, String name, String username, String mobile, int ringSeconds,
                         Map<String, Destination> forward, String conferencePin,
                         List<String> barring, List<String> barredPrefixes) {

    public static final String IN_CALL = "in-call";
    public static final String NO_ANSWER = "no-answer";

    public UserConfig {
        forward = forward == null ? Map.of() : Map.copyOf(forward);
        barring = barring == null ? List.of() : List.copyOf(barring);
        barredPrefixes = barredPrefixes == null ? List.of() : List.copyOf(barredPrefixes);
        if (ringSeconds <= 0) {
            ringSeconds = 20;
        }
    }

    /** The forwarding key of an availability: {@code MEETING} → {@code meeting}, {@code OFF_WORK} → {@code off-work}. */
    public static String key(Availability availability) {
        return availability.name().toLowerCase().replace('_', '-');
    }
}
