package no.sentral.api.org;

/** Where a SIM is sent; Norwegian postal codes have four digits. */
public record ShippingAddress(String name, String street, String postalCode, String city) {
}
