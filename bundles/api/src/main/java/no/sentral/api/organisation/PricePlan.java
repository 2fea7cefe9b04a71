package no.sentral.api.organisation;

/**
 * A price plan in the company's agreement. {@code dataGb} is the monthly data included (null for
 * fixed lines); the price is in øre per month.
 */
public record PricePlan(String code, String name, SubscriptionKind kind, Integer dataGb, long monthlyPriceOre) {
}
