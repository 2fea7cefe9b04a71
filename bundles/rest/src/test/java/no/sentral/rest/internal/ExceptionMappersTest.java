package no.sentral.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;
import javax.ws.rs.BadRequestException;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.core.Response;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import org.junit.jupiter.api.Test;

/** Every error becomes a problem with the right status, type and media type; internals never leak. */
class ExceptionMappersTest {

    record Body(String name) {
    }

    private static Problem problem(Response response) {
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        return (Problem) response.getEntity();
    }

    @Test
    void domainFailuresAreProblemsWhoseKindDecidesTheStatus() {
        Problem p = problem(new DomainExceptionMapper().toResponse(
                DomainException.invalid(List.of(new FieldError("id", "bad")))));
        assertEquals(422, p.status());
        assertEquals("https://sentral.no/problems/validation", p.type());
        assertEquals("id", p.errors().get(0).field());

        Problem barred = problem(new DomainExceptionMapper().toResponse(DomainException.of(
                DomainException.Kind.FORBIDDEN, "call-barred", "Call barred", "premium numbers are barred")));
        assertEquals(403, barred.status());
        assertEquals("https://sentral.no/problems/call-barred", barred.type());
        assertEquals("Call barred", barred.title());
        assertEquals("premium numbers are barred", barred.detail());
    }

    @Test
    void everyKindHasItsOwnStatus() {
        java.util.Set<Integer> statuses = new java.util.HashSet<>();
        for (DomainException.Kind kind : DomainException.Kind.values()) {
            statuses.add(DomainExceptionMapper.status(kind));
        }
        assertEquals(DomainException.Kind.values().length, statuses.size());
    }

    @Test
    void malformedJsonInsideABadRequestIsNamedSo() throws Exception {
        Exception parse = null;
        try {
            new ObjectMapper().readTree("{\"a\":");
        } catch (Exception e) {
            parse = e;
        }
        Problem p = problem(new WebApplicationExceptionMapper().toResponse(new BadRequestException(parse)));
        assertEquals(400, p.status());
        assertEquals("https://sentral.no/problems/malformed-json", p.type());
    }

    @Test
    void anUnknownFieldIsReportedWithItsName() {
        Exception unknown = null;
        try {
            new ObjectMapper().readValue("{\"name\":\"x\",\"colour\":\"red\"}", Body.class);
        } catch (Exception e) {
            unknown = e;
        }
        assertTrue(unknown instanceof UnrecognizedPropertyException);
        Problem p = problem(new JsonExceptionMapper().toResponse((UnrecognizedPropertyException) unknown));
        assertEquals(400, p.status());
        assertEquals("colour", p.errors().get(0).field());
    }

    @Test
    void jaxRsErrorsKeepTheirStatus() {
        assertEquals(415, problem(new WebApplicationExceptionMapper().toResponse(new NotSupportedException())).status());
        Response notAllowed = new WebApplicationExceptionMapper().toResponse(new NotAllowedException("GET"));
        assertEquals(405, problem(notAllowed).status());
        assertTrue(notAllowed.getAllowedMethods().contains("GET"));
    }

    @Test
    void aCheckOfABodyThatCxfWrapsKeepsItsFieldErrors() {
        Problem p = problem(new WebApplicationExceptionMapper().toResponse(new BadRequestException(
                DomainException.invalid("name", "required"))));
        assertEquals(422, p.status());
        assertEquals("name", p.errors().get(0).field());
    }

    @Test
    void aParameterThatIsNotOfItsTypeIs400NotJaxRs404() {
        Problem p = problem(new WebApplicationExceptionMapper().toResponse(new NotFoundException(
                new NumberFormatException("For input string: \"x\""))));
        assertEquals(400, p.status());
        assertEquals("https://sentral.no/problems/malformed-parameter", p.type());
        assertEquals(404, problem(new WebApplicationExceptionMapper().toResponse(new NotFoundException()))
                .status());
    }

    @Test
    void unexpectedErrorsHideTheirDetails() {
        Problem p = problem(new FallbackExceptionMapper().toResponse(new IllegalStateException("db password is hunter2")));
        assertEquals(500, p.status());
        assertFalse(p.detail().contains("hunter2"));
        assertTrue(p.detail().contains("incident"));
    }
}
