package no.sentral.api.organisation;

import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Required;

/** A node in a company's department tree; {@code parentId} is null for a top-level department. */
public record Department(@Required @Format(Format.Kind.UUID) String id, @Format(Format.Kind.UUID) String parentId,
                         @Required String name, String costCentre, int version) {
}
