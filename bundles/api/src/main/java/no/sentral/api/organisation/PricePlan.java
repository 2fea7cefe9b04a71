package no.sentral.api.organisation;

import no.sentral.api.spi.rest.Pattern;
import no.sentral.api.spi.rest.Range;
import no.sentral.api.spi.rest.Required;

/**
 * A price plan in the company's agreement. {@code dataGb} is the monthly data included (null for
 * fixed lines); the price is in øre per month.
 */
public record PricePlan(@Required @Pattern(value = "^[a-z0-9][a-z0-9-]{0,39}$", message = "1-40 lower-case letters,"
        + " digits or '-'") String code, @Required String name, @Required SubscriptionKind kind,
                        @Range(min = 0) Integer dataGb, @Range(min = 0) long monthlyPriceOre) {
}
