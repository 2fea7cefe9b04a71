package no.sentral.api.organisation;

import no.sentral.api.spi.rest.Format;
import no.sentral.api.spi.rest.Required;

/**
 * A person in the company. {@code mobile} is E.164; {@code language} is nb or en; {@code username}
 * links the person to their login (null when they have none).
 */
public record Employee(@Required @Format(Format.Kind.UUID) String id,
                       @Required @Format(Format.Kind.UUID) String departmentId, @Required String name, String email,
                       @Format(Format.Kind.E164) String mobile, String title, String language, String employeeNumber,
                       String username, boolean hasPhoto, int version) {
}
