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
    public void acceptHeadersThatAllowJsonWorkAndErrorsAreProblemsWhateverTheAccept() throws Exception {
        for (String accept : new String[] {"application/json", "*/*", "application/problem+json, application/json"}) {
            HttpResponse<String> ok = send("GET", "/api/v1/tenants", adminAuth(), null, null, "Accept", accept);
            assertEquals(accept, 200, ok.statusCode());
            assertEquals("application/json", ok.headers().firstValue("Content-Type").orElse(""));
            assertProblem(send("GET", "/api/v1/tenants/no-such-co", adminAuth(), null, null, "Accept", accept), 404,
                    "not-found");
        }
        assertProblem(send("GET", "/api/v1/tenants", adminAuth(), null, null, "Accept", "text/html"), 406,
                "not-acceptable");
        assertProblem(send("GET", "/api/v1/tenants", null, null, null, "Accept", "text/html"), 401, "unauthorized");
    }

    @Test
    public void anUnauthenticatedRequestIs401BeforeAnythingElse() throws Exception {
        assertProblem(send("PUT", "/api/v1/employees/x/photo", null, "text/plain", "x"), 401, "unauthorized");
        assertProblem(send("POST", "/api/v1/import/x", null, "text/html", "x"), 401, "unauthorized");
        assertProblem(send("POST", "/api/v1/tenants", null, "application/json",
                "{\"id\":\"big\",\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}"), 401, "unauthorized");
        assertProblem(send("DELETE", "/api/v1/health", null, null, null), 401, "unauthorized");
        assertProblem(get("/api/v1/no-such-thing", null), 401, "unauthorized");
        assertEquals(200, get("/api/v1/health", null).statusCode());
        // CXF's WADL generator answered ?_wadl anywhere, before the login, with XML the contract does not have
        assertProblem(get("/api/v1/employees?_wadl", null), 401, "unauthorized");
        HttpResponse<String> health = get("/api/v1/health?_wadl", null);
        assertEquals(health.body(), 200, health.statusCode());
        assertEquals("application/json", health.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    public void everyAnswerUnderApiIsAProblem() throws Exception {
        assertProblem(get("/api/v1/departments/..%2F..%2Fetc%2Fpasswd", adminAuth()), 404, "not-found");
        assertProblem(get("/api/somewhere-else", adminAuth()), 404, "not-found");
        assertProblem(send("PATCH", "/api/v1/tenants", adminAuth(), JSON, "{}"), 405, "method-not-allowed");
        assertProblem(send("PUT", "/api/v1/agreements/%20", adminAuth(), JSON, "{}"), 404, "not-found");
        assertProblem(send("PUT", "/api/v1/agreements/no-such-co", adminAuth(), JSON, "{}"), 404, "not-found");
    }

    /** One request per kind of constraint the document declares; each is refused, naming the field. */
    @Test
    public void theServerEnforcesEveryKindOfConstraintTheDocumentDeclares() throws Exception {
        String boss = newCompany("constraints-co");
        String dept = field(send("POST", "/api/v1/departments", boss, JSON, "{\"name\":\"Salg\"}").body(), "id");
        String[][] cases = {
            {"POST", "/api/v1/employees", "{\"name\":\"Kari\"}", "departmentId"}, // required
            {"POST", "/api/v1/employees", "{\"departmentId\":\"42\",\"name\":\"Kari\"}", "departmentId"}, // uuid
            {"POST", "/api/v1/employees", "{\"departmentId\":\"" + dept + "\",\"name\":\"Kari\","
                    + "\"email\":\"kari at example\"}", "email"}, // email
            {"POST", "/api/v1/employees", "{\"departmentId\":\"" + dept + "\",\"name\":\"Kari\","
                    + "\"mobile\":\"call me\"}", "mobile"}, // pattern (phone)
            {"POST", "/api/v1/employees", "{\"departmentId\":\"" + dept + "\",\"name\":\"" + "x".repeat(201) + "\"}",
                "name"}, // length
            {"PUT", "/api/v1/agreements/constraints-co", "{\"pricePlans\":[{\"code\":\"p\",\"name\":\"P\","
                    + "\"kind\":\"FIXED\",\"monthlyPriceOre\":-1}],\"addons\":[]}", "pricePlans[0].monthlyPriceOre"},
            {"GET", "/api/v1/employees?limit=501", null, "limit"}, // range of a parameter
            {"GET", "/api/v1/audit?from=yesterday", null, "from"}, // date-time
            {"GET", "/api/v1/audit?limit=lots", null, "limit"}, // a number at all
        };
        for (String[] c : cases) {
            String auth = c[1].startsWith("/api/v1/agreements") ? adminAuth() : boss;
            HttpResponse<String> r = send(c[0], c[1], auth, c[2] == null ? null : JSON, c[2]);
            assertProblem(r, 422, "validation");
            assertTrue(c[3] + " in " + r.body(), r.body().contains("\"field\":\"" + c[3] + "\""));
        }
        assertTrue("nothing refused was kept", get("/api/v1/employees", boss).body().contains("\"total\":0"));
        HttpResponse<String> e164 = send("POST", "/api/v1/employees", boss, JSON, "{\"departmentId\":\"" + dept
                + "\",\"name\":\"Kari\",\"mobile\":\"987 65 432\"}");
        assertEquals(201, e164.statusCode());
        assertEquals("+4798765432", field(e164.body(), "mobile")); // answered in E.164, as the document says
        String id = field(e164.body(), "id");
        assertProblem(send("DELETE", "/api/v1/employees/" + id, boss, null, null), 428, "version-required");
        assertProblem(get("/api/v1/employees/not-a-uuid", boss), 404, "not-found");
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
