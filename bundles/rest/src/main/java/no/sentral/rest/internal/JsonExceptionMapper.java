package no.sentral.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;
import java.util.stream.Collectors;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import no.sentral.api.failure.FieldError;

/** A body that is not JSON, or JSON of the wrong shape: 400, naming the field when Jackson knows it. */
final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {

    @Override
    public Response toResponse(JsonProcessingException e) {
        WebApplicationException tooLarge = BodyLimitFilter.tooLarge(e);
        return tooLarge != null ? new WebApplicationExceptionMapper().toResponse(tooLarge) : problem(e);
    }

    static Response problem(JsonProcessingException e) {
        String reason = e.getOriginalMessage();
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return Problems.response(Problems.problem(400, "malformed-json", "Malformed JSON",
                    "the body does not have the expected shape", List.of(new FieldError(field, reason))));
        }
        return Problems.response(400, "malformed-json", "Malformed JSON", "the body is not valid JSON: " + reason);
    }
}
