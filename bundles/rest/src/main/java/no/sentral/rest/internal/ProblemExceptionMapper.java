package no.sentral.rest.internal;

import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import no.sentral.api.problem.ProblemException;

/** A service's own problem goes out as it is. */
final class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

    @Override
    public Response toResponse(ProblemException e) {
        return Problems.response(e.problem());
    }
}
