package no.sentral.api.organisation;

import java.util.List;

/**
 * An add-on service on a subscription. Which parameters apply depends on the code:
 * {@code data-pack} takes {@code dataGb}; {@code barring} takes {@code categories};
 * {@code content-limit} takes {@code limitOre}; {@code twin-sim} takes {@code iccid};
 * {@code data-rollover} and {@code data-control} take none.
 */
public record Addon(String code, Integer dataGb, List<String> categories, Long limitOre, String iccid) {

    public Addon {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    public static Addon of(String code) {
        return new Addon(code, null, List.of(), null, null);
    }
}
