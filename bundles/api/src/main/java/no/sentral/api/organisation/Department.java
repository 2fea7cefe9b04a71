package no.sentral.api.organisation;

/** A node in a company's department tree; {@code parentId} is null for a top-level department. */
public record Department(String id, String parentId, String name, String costCentre, int version) {
}
