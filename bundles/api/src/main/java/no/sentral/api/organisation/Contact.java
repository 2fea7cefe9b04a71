package no.sentral.api.organisation;

import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Required;

/** Someone outside the company the switchboard and employees may look up; {@code phone} is E.164. */
public record Contact(@Required @Format(Format.Kind.UUID) String id, @Required String name, String organisation,
                      @Format(Format.Kind.E164) String phone, String email, String note, int version) {
}
