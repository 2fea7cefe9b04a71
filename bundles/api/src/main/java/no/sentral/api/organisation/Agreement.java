package no.sentral.api.organisation;

import java.util.List;

/**
 * A company's agreement with the operator: the price plans it may use and the add-on codes on offer.
 * It is replaced as a whole, never edited plan by plan.
 */
public record Agreement(List<PricePlan> pricePlans, List<String> addons) {
    public Agreement {
        pricePlans = pricePlans == null ? List.of() : List.copyOf(pricePlans);
        addons = addons == null ? List.of() : List.copyOf(addons);
    }
}
