package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.inject.Inject;
import no.sentral.api.event.EventPublisher;
import no.sentral.api.security.CredentialsChanged;
import no.sentral.api.spi.jdbc.Database;
import no.sentral.api.spi.jdbc.Sql;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * Issue 11 §2, logins that are safe and cheap, through the distribution: old hashes rehashed at login, the
 * credential cache emptied at once by password, token and role changes (also by another node's event), browser
 * sessions with their CSRF token, and failed logins throttled with 429.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class LoginsIT extends SentralTestSupport {

    private static final String JSON = "application/json";
    private static final String FIRST = "first-password-1";
    private static final String SECOND = "second-password-2";

    @Inject
    private Database database;

    @Inject
    private EventPublisher publisher;

    private String hashOf(String username) {
        return database.run(c -> Sql.one(c, "SELECT password_hash FROM platform_account WHERE username = ?",
                rs -> rs.getString(1), username)).orElseThrow();
    }

    private HttpResponse<String> grant(String boss, String username, String role, String password) throws Exception {
        HttpResponse<String> r = send("PUT", "/api/v1/access/" + username, boss, JSON, "{\"roles\":[\"" + role
                + "\"],\"departments\":[]" + (password == null ? "" : ",\"password\":\"" + password + "\"") + "}");
        assertEquals(r.body(), 200, r.statusCode());
        return r;
    }

    @Test
    public void anOldCheaperHashIsReplacedAtTheNextSuccessfulLogin() throws Exception {
        String boss = newCompany("logins-rehash");
        grant(boss, "old@logins-rehash", "employee", FIRST);
        byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(FIRST.toCharArray(), salt, 120_000, 256)).getEncoded();
        String old = "pbkdf2-sha256$120000$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
        database.run(c -> Sql.update(c, "UPDATE platform_account SET password_hash = ? WHERE username = ?", old,
                "old@logins-rehash"));
        assertTrue(hashOf("old@logins-rehash").startsWith("pbkdf2-sha256$120000$"));

        assertEquals(200, get("/api/v1/me", basic("old@logins-rehash", FIRST)).statusCode());
        String rehashed = hashOf("old@logins-rehash");
        assertTrue(rehashed, rehashed.startsWith("pbkdf2-sha256$600000$"));
    }

    @Test
    public void aPasswordChangeTokenRevocationOrRoleChangeAppliesToTheVeryNextRequest() throws Exception {
        String boss = newCompany("logins-cache");
        grant(boss, "kari@logins-cache", "employee", FIRST);
        String first = basic("kari@logins-cache", FIRST);
        assertTrue(get("/api/v1/me", first).body().contains("\"roles\":[\"employee\"]"));
        assertEquals(200, get("/api/v1/me", first).statusCode());

        grant(boss, "kari@logins-cache", "company-admin", null);
        assertTrue(get("/api/v1/me", first).body().contains("\"roles\":[\"company-admin\"]"));

        grant(boss, "kari@logins-cache", "company-admin", SECOND);
        assertEquals(401, get("/api/v1/me", first).statusCode());
        assertEquals(200, get("/api/v1/me", basic("kari@logins-cache", SECOND)).statusCode());

        HttpResponse<String> created = send("POST", "/api/v1/tokens", boss, JSON,
                "{\"name\":\"erp\",\"roles\":[\"employee\"]}");
        assertEquals(201, created.statusCode());
        String token = bearer(field(created.body(), "token"));
        assertEquals(200, get("/api/v1/me", token).statusCode());
        assertEquals(204, send("DELETE", "/api/v1/tokens/" + field(created.body(), "id"), boss, null, null)
                .statusCode());
        assertEquals(401, get("/api/v1/me", token).statusCode());

        assertEquals(204, send("DELETE", "/api/v1/access/kari@logins-cache", boss, null, null).statusCode());
        assertEquals(401, get("/api/v1/me", basic("kari@logins-cache", SECOND)).statusCode());
    }

    @Test
    public void anotherNodesChangeArrivesAsAnEventAndEmptiesThisNodesCache() throws Exception {
        String boss = newCompany("logins-nodes");
        grant(boss, "ola@logins-nodes", "employee", FIRST);
        String first = basic("ola@logins-nodes", FIRST);
        assertEquals(200, get("/api/v1/me", first).statusCode());
        // What another node does: change the row, then announce the change on the backbone.
        database.run(c -> Sql.update(c, "UPDATE platform_account SET disabled = true WHERE username = ?",
                "ola@logins-nodes"));
        assertEquals("remembered until told", 200, get("/api/v1/me", first).statusCode());
        CredentialsChanged change = CredentialsChanged.account("logins-nodes", "ola@logins-nodes");
        publisher.publish(CredentialsChanged.ADDRESS, change.tenant(), change.subject(), change);
        waitFor("the event to empty the cache", () -> {
            try {
                return get("/api/v1/me", first).statusCode() == 401;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String cookie(HttpResponse<String> login) {
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> logIn(String username, String password) throws Exception {
        return send("POST", "/api/v1/session", null, JSON, "{\"username\":\"" + username + "\",\"password\":\""
                + password + "\"}");
    }

    @Test
    public void aBrowserSessionNeedsItsCsrfTokenForChangesAndEndsAtLogoutOrPasswordChange() throws Exception {
        String boss = newCompany("logins-session");
        grant(boss, "per@logins-session", "company-admin", FIRST);
        assertEquals(401, logIn("per@logins-session", "wrong-password").statusCode());

        HttpResponse<String> login = logIn("per@logins-session", FIRST);
        assertEquals(login.body(), 201, login.statusCode());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie, setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict")
                && setCookie.contains("Path=/api"));
        assertFalse("plain HTTP", setCookie.contains("Secure"));
        String cookie = cookie(login);
        String csrf = field(login.body(), "csrfToken");

        HttpResponse<String> who = send("GET", "/api/v1/session", null, null, null, "Cookie", cookie);
        assertEquals(200, who.statusCode());
        assertEquals("per@logins-session", field(who.body(), "name"));
        assertEquals(csrf, field(who.body(), "csrfToken"));
        assertEquals(200, send("GET", "/api/v1/me", null, null, null, "Cookie", cookie).statusCode());

        String body = "{\"name\":\"from-the-browser\",\"roles\":[\"employee\"]}";
        assertEquals(403, send("POST", "/api/v1/tokens", null, JSON, body, "Cookie", cookie).statusCode());
        assertEquals(403, send("POST", "/api/v1/tokens", null, JSON, body, "Cookie", cookie, "X-CSRF-Token",
                csrf + "x").statusCode());
        assertEquals(201, send("POST", "/api/v1/tokens", null, JSON, body, "Cookie", cookie, "X-CSRF-Token", csrf)
                .statusCode());
        assertEquals("Basic needs no CSRF token", 201, send("POST", "/api/v1/tokens", boss, JSON, body).statusCode());
        assertEquals("a Basic request has no session", 404, get("/api/v1/session", boss).statusCode());

        // A role change applies to the session at once; a password change ends it.
        grant(boss, "per@logins-session", "employee", null);
        assertTrue(send("GET", "/api/v1/me", null, null, null, "Cookie", cookie).body()
                .contains("\"roles\":[\"employee\"]"));
        grant(boss, "per@logins-session", "company-admin", SECOND);
        assertEquals(401, send("GET", "/api/v1/me", null, null, null, "Cookie", cookie).statusCode());

        String again = cookie(logIn("per@logins-session", SECOND));
        String againCsrf = field(send("GET", "/api/v1/session", null, null, null, "Cookie", again).body(), "csrfToken");
        assertEquals(403, send("DELETE", "/api/v1/session", null, null, null, "Cookie", again).statusCode());
        HttpResponse<String> out = send("DELETE", "/api/v1/session", null, null, null, "Cookie", again,
                "X-CSRF-Token", againCsrf);
        assertEquals(204, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertEquals(401, send("GET", "/api/v1/session", null, null, null, "Cookie", again).statusCode());
        assertEquals("an ended session does not stop a new login", 201,
                send("POST", "/api/v1/session", null, JSON, "{\"username\":\"per@logins-session\",\"password\":\""
                        + SECOND + "\"}", "Cookie", again).statusCode());
    }

    @Test
    public void repeatedFailuresAreThrottledWith429UntilRetryAfterAndTheLockoutIsAuditedAndInHealth()
            throws Exception {
        String boss = newCompany("logins-throttle");
        grant(boss, "eve@logins-throttle", "employee", FIRST);
        String wrong = basic("eve@logins-throttle", "wrong-password");
        int failures = 0;
        HttpResponse<String> answer = get("/api/v1/me", wrong);
        while (answer.statusCode() == 401 && failures < 20) {
            failures++;
            answer = get("/api/v1/me", wrong);
        }
        assertEquals(answer.body(), 429, answer.statusCode());
        assertEquals("five free failures, then a delay", 6, failures);
        assertTrue(answer.headers().firstValue("Content-Type").orElseThrow().startsWith("application/problem+json"));
        long retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1);
        assertEquals("not even the right password is checked", 429,
                get("/api/v1/me", basic("eve@logins-throttle", FIRST)).statusCode());
        assertEquals(429, logIn("eve@logins-throttle", FIRST).statusCode());

        waitFor("the lockout in the audit log", () -> database.run(c -> Sql.list(c, "SELECT action FROM"
                + " platform_audit_log WHERE tenant = 'logins-throttle' AND entity_type = 'login-account'"
                + " AND entity_id = 'eve@logins-throttle'", rs -> rs.getString(1))).contains("locked"));
        HttpResponse<String> health = get("/api/v1/health", adminAuth());
        assertTrue(health.body(), health.body().contains("last lockout: account eve@logins-throttle"));

        Thread.sleep(retryAfter * 1000 + 200);
        assertEquals(200, get("/api/v1/me", basic("eve@logins-throttle", FIRST)).statusCode());
        assertEquals("forgiven after a success", 401, get("/api/v1/me", wrong).statusCode());
    }
}
