package no.sentral.api.organisation;

/** Where a SIM is sent; Norwegian postal codes have four digits. */
public record ShippingAddress(String name, String street, String postalCode, String city) {
}
