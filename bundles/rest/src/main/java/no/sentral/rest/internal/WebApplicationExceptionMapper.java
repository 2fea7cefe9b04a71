package no.sentral.rest.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import no.sentral.api.failure.DomainException;

/**
 * JAX-RS's own errors (unknown path, wrong method, unsupported media type, unreadable body, ...)
 * as problems. An unreadable JSON body arrives here as a 400 whose cause is Jackson's exception.
 */
final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        WebApplicationException tooLarge = BodyLimitFilter.tooLarge(e);
        if (tooLarge != null && tooLarge != e) {
            return toResponse(tooLarge);
        }
        JsonProcessingException json = cause(e, JsonProcessingException.class);
        if (json instanceof JsonParseException || json instanceof JsonMappingException) {
            return JsonExceptionMapper.problem(json);
        }
        // A failure of a check of the body after reading it (RequestChecks), which CXF wraps.
        DomainException domain = cause(e, DomainException.class);
        if (domain != null) {
            return new DomainExceptionMapper().toResponse(domain);
        }
        if (status == 404 && e.getCause() != null) {
            // JAX-RS answers 404 when a path or query parameter cannot be converted to its type.
            return Problems.response(400, "malformed-parameter", "Malformed parameter",
                    "a parameter is not of its type: " + e.getCause().getMessage());
        }
        return switch (status) {
            case 401 -> AuthFilter.unauthorized("log in with Basic credentials or a Bearer API token");
            case 403 -> Problems.response(403, "forbidden", "Forbidden", "your roles do not allow this");
            case 404 -> Problems.response(404, "not-found", "Not found", "no such resource");
            case 405 -> Response.fromResponse(Problems.response(405, "method-not-allowed", "Method not allowed",
                    "this resource does not support that HTTP method"))
                    .allow(e.getResponse().getAllowedMethods()).build();
            case 406 -> Problems.response(406, "not-acceptable", "Not acceptable",
                    "the resource cannot produce a representation the Accept header allows");
            case 413 -> Problems.response(413, "payload-too-large", "Payload too large", e.getMessage());
            case 415 -> Problems.response(415, "unsupported-media-type", "Unsupported media type",
                    "this operation does not take a body of that Content-Type; see the API document");
            default -> Problems.response(status, "http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(),
                    e.getMessage());
        };
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
