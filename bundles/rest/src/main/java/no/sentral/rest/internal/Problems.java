package no.sentral.rest.internal;

import java.util.List;
import javax.ws.rs.core.Response;
import no.sentral.api.failure.FieldError;

/** Builds RFC 9457 {@code application/problem+json} responses. */
final class Problems {

    private Problems() {
    }

    static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static Response response(int status, String slug, String title, String detail) {
        return response(problem(status, slug, title, detail, List.of()));
    }

    static Problem problem(int status, String slug, String title, String detail, List<FieldError> errors) {
        return new Problem(Problem.TYPE_BASE + slug, title, status, detail, errors);
    }
}
