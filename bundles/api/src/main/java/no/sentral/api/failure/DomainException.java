package no.sentral.api.failure;

import java.util.List;
import java.util.Objects;

/**
 * A failure in the domain's own terms: what went wrong ({@link Kind}), a stable code that clients may
 * switch on, and a detail for people. Services, engines and rules throw it; only the REST layer knows
 * which HTTP status each kind answers, and shell commands print its detail.
 */
public class DomainException extends RuntimeException {

    /** What kind of failure, independent of any protocol. */
    public enum Kind {
        /** The input breaks a rule; {@link #errors()} names each field. */
        INVALID,
        /** The input cannot be read at all (not a field problem). */
        MALFORMED,
        /** The thing does not exist, or the caller may not know that it does. */
        NOT_FOUND,
        /** The caller may see this but not do that. */
        FORBIDDEN,
        /** The request contradicts the current state (a duplicate, something in use). */
        CONFLICT,
        /** The caller changes a version that someone else changed meanwhile. */
        STALE,
        /** A change of a versioned thing must name the version it changes. */
        VERSION_REQUIRED,
        /** The content is of a type this does not take. */
        UNSUPPORTED_TYPE,
        /** The content is larger than this takes. */
        TOO_LARGE,
        /** A part this needs cannot serve now; trying again later may work. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final String code;
    private final String title;
    private final transient List<FieldError> errors;

    public DomainException(Kind kind, String code, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = Objects.requireNonNull(code, "code");
        this.title = Objects.requireNonNull(title, "title");
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public Kind kind() {
        return kind;
    }

    /** A stable slug, e.g. {@code not-found} or {@code call-barred}. */
    public String code() {
        return code;
    }

    /** Short, and the same for every failure of this code. */
    public String title() {
        return title;
    }

    /** What went wrong this time. */
    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static DomainException of(Kind kind, String code, String title, String detail) {
        return new DomainException(kind, code, title, detail, List.of());
    }

    public static DomainException malformed(String detail) {
        return of(Kind.MALFORMED, "bad-request", "Bad request", detail);
    }

    public static DomainException notFound(String what) {
        return of(Kind.NOT_FOUND, "not-found", "Not found", what + " does not exist");
    }

    public static DomainException forbidden(String detail) {
        return of(Kind.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    public static DomainException conflict(String detail) {
        return of(Kind.CONFLICT, "conflict", "Conflict", detail);
    }

    /** The caller's copy is stale: someone changed it since it was read. */
    public static DomainException stale(String detail) {
        return of(Kind.STALE, "stale-version", "Precondition failed", detail);
    }

    /** A change of a versioned entity must say which version it changes. */
    public static DomainException versionRequired(String detail) {
        return of(Kind.VERSION_REQUIRED, "version-required", "Precondition required", detail);
    }

    public static DomainException unsupportedType(String detail) {
        return of(Kind.UNSUPPORTED_TYPE, "unsupported-media-type", "Unsupported media type", detail);
    }

    public static DomainException unavailable(String code, String title, String detail) {
        return of(Kind.UNAVAILABLE, code, title, detail);
    }

    /** One invalid field. */
    public static DomainException invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public static DomainException invalid(List<FieldError> errors) {
        return new DomainException(Kind.INVALID, "validation", "Validation failed",
                errors.size() + " field(s) are invalid", errors);
    }
}
