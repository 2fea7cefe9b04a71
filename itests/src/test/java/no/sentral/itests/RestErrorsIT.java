package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/** Every REST error is RFC 9457 problem+json with a stable type; bad input changes nothing. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class RestErrorsIT extends SentralTestSupport {

    private static final String JSON = "application/json";

    private static void assertProblem(HttpResponse<String> response, int status, String type) {
        assertEquals(response.body(), status, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body(), response.body().contains("\"type\":\"https://sentral.no/problems/" + type + "\""));
        assertTrue(response.body(), response.body().contains("\"status\":" + status));
    }

    @Test
    public void malformedJsonIs400() throws Exception {
        assertProblem(send("POST", "/api/v1/tenants", adminAuth(), JSON, "{\"id\": \"x\","), 400, "malformed-json");
    }

    @Test
    public void unknownFieldIs400NamingTheField() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/tenants", adminAuth(), JSON,
                "{\"id\":\"unknownfield\",\"name\":\"X\",\"colour\":\"red\"}");
        assertProblem(r, 400, "malformed-json");
        assertTrue(r.body(), r.body().contains("\"field\":\"colour\""));
        assertEquals(404, get("/api/v1/tenants/unknownfield", adminAuth()).statusCode());
    }

    @Test
    public void wrongContentTypeIs415() throws Exception {
        assertProblem(send("POST", "/api/v1/tenants", adminAuth(), "text/plain", "id=x"), 415,
                "unsupported-media-type");
    }

    @Test
    public void oversizedBodyIs413() throws Exception {
        String big = "{\"id\":\"big\",\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(send("POST", "/api/v1/tenants", adminAuth(), JSON, big), 413, "payload-too-large");
        assertEquals(404, get("/api/v1/tenants/big", adminAuth()).statusCode());
    }

    @Test
    public void invalidFieldsAre422WithFieldErrors() throws Exception {
        HttpResponse<String> r = send("POST", "/api/v1/tenants", adminAuth(), JSON, "{\"id\":\"Not Valid\",\"name\":\"\"}");
        assertProblem(r, 422, "validation");
        assertTrue(r.body(), r.body().contains("\"field\":\"id\"") && r.body().contains("\"field\":\"name\""));
    }

    @Test
    public void duplicateIs409AndChangesNothing() throws Exception {
        assertEquals(201, send("POST", "/api/v1/tenants", adminAuth(), JSON,
                "{\"id\":\"dup-co\",\"name\":\"First\"}").statusCode());
        assertProblem(send("POST", "/api/v1/tenants", adminAuth(), JSON, "{\"id\":\"dup-co\",\"name\":\"Second\"}"),
                409, "conflict");
        assertTrue(get("/api/v1/tenants/dup-co", adminAuth()).body().contains("\"First\""));
    }

    @Test
    public void unknownPathIs404AndWrongMethodIs405() throws Exception {
        assertProblem(get("/api/v1/no-such-thing", adminAuth()), 404, "not-found");
        assertProblem(send("DELETE", "/api/v1/health", adminAuth(), null, null), 405, "method-not-allowed");
    }

    @Test
    public void missingOrWrongCredentialsAre401WithAChallenge() throws Exception {
        HttpResponse<String> none = get("/api/v1/tenants", null);
        assertProblem(none, 401, "unauthorized");
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").contains("Basic"));
        assertProblem(get("/api/v1/tenants", basic("admin", "wrong-password")), 401, "unauthorized");
        assertProblem(get("/api/v1/tenants", bearer("snt_not-a-token")), 401, "unauthorized");
    }

    @Test
    public void openApiDocumentDescribesTheDeployedResources() throws Exception {
        HttpResponse<String> r = get("/api/v1/openapi.json", null);
        assertEquals(200, r.statusCode());
        for (String path : new String[] {"\"/health\"", "\"/tenants\"", "\"/tenants/{id}\"", "\"/tokens\"",
                "\"/events\"", "\"/audit\"", "\"/me\""}) {
            assertTrue(path + " in " + r.body(), r.body().contains(path));
        }
        assertTrue(r.body().contains("\"openapi\":\"3.0.3\""));
    }
}
