package no.sentral.switchboard.internal.config;

import java.util.Map;

/**
 * An IVR menu (PBX-03): {@code prompt} is played, a key in {@code options} routes on; no key within
 * {@code timeoutSeconds} goes to {@code fallback}; an unknown key plays {@code invalidPrompt} and
 * the menu again, and after {@code maxInvalid} wrong keys the call goes to {@code fallback}.
 */
public record MenuConfig(String id, String name, String prompt, Map<String, Destination> options,
                         int timeoutSeconds, String invalidPrompt, int maxInvalid, Destination fallback) {

    public MenuConfig {
        options = options == null ? Map.of() : Map.copyOf(options);
        timeoutSeconds = timeoutSeconds <= 0 ? 8 : timeoutSeconds;
        invalidPrompt = invalidPrompt == null ? "invalid-choice" : invalidPrompt;
        maxInvalid = maxInvalid <= 0 ? 3 : maxInvalid;
    }
}
