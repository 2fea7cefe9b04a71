package no.sentral.api.problem;

import java.util.List;

/**
 * Thrown by any service or REST resource to answer with a problem. The REST layer turns it into
 * {@code application/problem+json}; shell commands print its detail.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException of(int status, String slug, String title, String detail) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + slug, title, status, detail, List.of()));
    }

    public static ProblemException badRequest(String detail) {
        return of(400, "bad-request", "Bad request", detail);
    }

    public static ProblemException notFound(String what) {
        return of(404, "not-found", "Not found", what + " does not exist");
    }

    public static ProblemException forbidden(String detail) {
        return of(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException conflict(String detail) {
        return of(409, "conflict", "Conflict", detail);
    }

    /** The client's copy is stale: someone changed the entity since it was read (If-Match failed). */
    public static ProblemException preconditionFailed(String detail) {
        return of(412, "stale-version", "Precondition failed", detail);
    }

    /** A change of a versioned entity must say which version it changes (If-Match). */
    public static ProblemException preconditionRequired(String detail) {
        return of(428, "version-required", "Precondition required", detail);
    }

    /** One invalid field. */
    public static ProblemException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "validation", "Validation failed", 422,
                errors.size() + " field(s) are invalid", errors));
    }
}
