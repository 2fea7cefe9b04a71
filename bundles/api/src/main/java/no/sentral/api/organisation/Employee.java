package no.sentral.api.organisation;

/**
 * A person in the company. {@code mobile} is E.164; {@code language} is nb or en; {@code username}
 * links the person to their login (null when they have none).
 */
public record Employee(String id, String departmentId, String name, String email, String mobile, String title,
                       String language, String employeeNumber, String username, boolean hasPhoto, int version) {
}
