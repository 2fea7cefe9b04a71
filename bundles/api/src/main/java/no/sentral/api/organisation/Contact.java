package no.sentral.api.organisation;

/** Someone outside the company the switchboard and employees may look up; {@code phone} is E.164. */
public record Contact(String id, String name, String organisation, String phone, String email, String note,
                      int version) {
}
