package no.sentral.api.organisation;

import java.util.List;

/**
 * What is sent to the public directory services for a number (LINK-04): listed with the chosen
 * fields, or unlisted (nothing is sent).
 */
public record DirectoryListing(boolean listed, List<String> fields) {

    public DirectoryListing {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public static DirectoryListing unlisted() {
        return new DirectoryListing(false, List.of());
    }
}
