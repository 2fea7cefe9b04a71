package no.sentral.organisation.internal.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import no.sentral.api.organisation.DirectoryListing;
import no.sentral.api.failure.FieldError;
import no.sentral.api.failure.DomainException;

/** What may be sent to directory services for a number (LINK-04). */
public final class DirectoryRules {

    public static final List<String> FIELDS = List.of("name", "title", "company", "address", "email");

    private DirectoryRules() {
    }

    /** A listed number shows at least the name; an unlisted one sends nothing. Returns it normalised. */
    public static DirectoryListing validate(DirectoryListing listing) {
        if (listing == null) {
            throw DomainException.invalid("directory", "a JSON body {\"listed\", \"fields\"} is required");
        }
        List<FieldError> errors = new ArrayList<>();
        TreeSet<String> fields = new TreeSet<>(listing.fields());
        for (String field : fields) {
            if (!FIELDS.contains(field)) {
                errors.add(new FieldError("fields", "unknown field '" + field + "'; fields: " + String.join(", ", FIELDS)));
            }
        }
        if (listing.listed() && !fields.contains("name")) {
            errors.add(new FieldError("fields", "a listed number shows at least the name"));
        }
        if (!listing.listed() && !fields.isEmpty()) {
            errors.add(new FieldError("fields", "an unlisted number sends no fields"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        return new DirectoryListing(listing.listed(), FIELDS.stream().filter(fields::contains).toList());
    }
}
