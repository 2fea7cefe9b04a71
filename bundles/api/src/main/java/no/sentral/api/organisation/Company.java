package no.sentral.api.organisation;

/** A company's registered details. {@code orgNumber} is the 9-digit Norwegian organisation number. */
public record Company(String tenant, String name, String orgNumber, String address, String postalCode,
                      String city, int version) {
}
