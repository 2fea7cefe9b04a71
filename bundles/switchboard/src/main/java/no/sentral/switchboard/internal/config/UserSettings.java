package no.sentral.switchboard.internal.config;

import java.util.List;
import java.util.Map;

/**
 * What the switchboard keeps about an employee beyond the organisation's record (name, mobile and
 * barring come from there): ring time, forwarding by availability (APP-03), conference PIN (PBX-13)
 * and barred prefixes chosen for them (PBX-11).
 */
public record UserSettings(String user, int ringSeconds, Map<String, Destination> forward, String conferencePin,
                           List<String> barredPrefixes) {

    public UserSettings {
        forward = forward == null ? Map.of() : Map.copyOf(forward);
        barredPrefixes = barredPrefixes == null ? List.of() : List.copyOf(barredPrefixes);
    }
}
