package no.sentral.rest.internal;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import no.sentral.api.failure.DomainException;

/** A domain failure as a problem: its kind decides the status, its code the problem type. */
final class DomainExceptionMapper implements ExceptionMapper<DomainException> {

    @Override
    public Response toResponse(DomainException e) {
        return Problems.response(Problems.problem(status(e.kind()), e.code(), e.title(), e.detail(), e.errors()));
    }

    static int status(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID -> 422;
            case MALFORMED -> 400;
            case NOT_FOUND -> 404;
            case FORBIDDEN -> 403;
            case CONFLICT -> 409;
            case STALE -> 412;
            case VERSION_REQUIRED -> 428;
            case UNSUPPORTED_TYPE -> 415;
            case TOO_LARGE -> 413;
            case UNAVAILABLE -> 503;
        };
    }
}
