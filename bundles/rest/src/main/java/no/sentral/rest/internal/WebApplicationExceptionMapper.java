package no.sentral.rest.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

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
        JsonProcessingException json = jsonCause(e);
        if (json != null) {
            return JsonExceptionMapper.problem(json);
        }
        return switch (status) {
            case 401 -> Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized",
                    "log in with Basic credentials or a Bearer API token"))
                    .header("WWW-Authenticate", AuthFilter.CHALLENGE).build();
            case 403 -> Problems.response(403, "forbidden", "Forbidden", "your roles do not allow this");
            case 404 -> Problems.response(404, "not-found", "Not found", "no such resource");
            case 405 -> Response.fromResponse(Problems.response(405, "method-not-allowed", "Method not allowed",
                    "this resource does not support that HTTP method"))
                    .allow(e.getResponse().getAllowedMethods()).build();
            case 406 -> Problems.response(406, "not-acceptable", "Not acceptable",
                    "the resource cannot produce a representation the Accept header allows");
            case 413 -> Problems.response(413, "payload-too-large", "Payload too large", e.getMessage());
            case 415 -> Problems.response(415, "unsupported-media-type", "Unsupported media type",
                    "send the body as application/json");
            default -> Problems.response(status, "http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(),
                    e.getMessage());
        };
    }

    private static JsonProcessingException jsonCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonParseException || t instanceof JsonMappingException) {
                return (JsonProcessingException) t;
            }
        }
        return null;
    }
}
