package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/** No default password; one admin everywhere; tenants see only themselves; roles are enforced. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class SecurityIT extends SentralTestSupport {

    private static final String JSON = "application/json";

    @Test
    public void thereIsNoDefaultAccountAndTheSecretsAreOwnerOnly() throws Exception {
        Path users = karafEtc().resolve("users.properties");
        for (String line : Files.readAllLines(users)) {
            assertFalse("default karaf account: " + line, line.strip().startsWith("karaf"));
        }
        for (Path secret : new Path[] {users, karafEtc().resolve("admin.password"),
                karafEtc().resolve("sentral-system.password")}) {
            assertEquals(secret.toString(), "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        }
        assertTrue(adminPassword().length() >= 20);
    }

    @Test
    public void karafRealmTakesTheAdminPasswordAndNotKarafKaraf() throws Exception {
        login("karaf", "admin", adminPassword());
        try {
            login("karaf", "karaf", "karaf");
            fail("karaf/karaf must not log in");
        } catch (LoginException expected) {
            // no default account
        }
    }

    private static void login(String realm, String user, String password) throws LoginException {
        new LoginContext(realm, new Subject(), callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback secret) {
                    secret.setPassword(password.toCharArray());
                }
            }
        }).login();
    }

    @Test
    public void adminIsThePlatformAdministratorOnTheRestApi() throws Exception {
        HttpResponse<String> me = get("/api/v1/me", adminAuth());
        assertEquals(200, me.statusCode());
        assertTrue(me.body(), me.body().contains("\"roles\":[\"platform-admin\"]"));
        assertFalse(me.body(), me.body().contains("\"tenant\""));
        // The platform admin belongs to no company, so cannot act inside one.
        assertEquals(403, send("POST", "/api/v1/events", adminAuth(), JSON,
                "{\"type\":\"sentral.itest.x\"}").statusCode());
    }

    @Test
    public void tenantsAreIsolatedAndRolesEnforced() throws Exception {
        String a = "co-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "co-" + UUID.randomUUID().toString().substring(0, 8);
        for (String tenant : new String[] {a, b}) {
            assertEquals(201, send("POST", "/api/v1/tenants", adminAuth(), JSON,
                    "{\"id\":\"" + tenant + "\",\"name\":\"Company " + tenant + "\"}").statusCode());
        }
        String password = "correct-horse-battery";
        executeCommand("sentral:account-add --password " + password + " " + a + " boss@" + a + " company-admin");
        executeCommand("sentral:account-add --password " + password + " " + a + " worker@" + a + " employee");
        String boss = basic("boss@" + a, password);
        String worker = basic("worker@" + a, password);

        HttpResponse<String> created = send("POST", "/api/v1/tokens", boss, JSON,
                "{\"name\":\"hr-sync\",\"roles\":[\"company-admin\"]}");
        assertEquals(created.body(), 201, created.statusCode());
        String token = field(created.body(), "token");
        String tokenId = field(created.body(), "id");
        HttpResponse<String> me = get("/api/v1/me", bearer(token));
        assertTrue(me.body(), me.body().contains("\"tenant\":\"" + a + "\"") && me.body().contains("\"system\":true"));

        // Another company's ids answer 404, exactly like ids that do not exist.
        assertEquals(200, get("/api/v1/tenants/" + a, bearer(token)).statusCode());
        assertEquals(404, get("/api/v1/tenants/" + b, bearer(token)).statusCode());
        assertEquals(404, send("DELETE", "/api/v1/tokens/" + UUID.randomUUID(), boss, null, null).statusCode());
        // Only the platform admin lists companies; an employee may not mint tokens.
        assertEquals(403, get("/api/v1/tenants", boss).statusCode());
        assertEquals(403, send("POST", "/api/v1/tokens", worker, JSON,
                "{\"name\":\"x\",\"roles\":[\"employee\"]}").statusCode());
        assertEquals(200, get("/api/v1/me", worker).statusCode());

        assertEquals(204, send("DELETE", "/api/v1/tokens/" + tokenId, boss, null, null).statusCode());
        assertEquals(401, get("/api/v1/me", bearer(token)).statusCode());

        String audit = get("/api/v1/audit?entityType=api-token", boss).body();
        assertTrue(audit, audit.contains("\"action\":\"created\"") && audit.contains("\"action\":\"revoked\""));
        assertTrue(audit, audit.contains("\"actor\":\"boss@" + a + "\""));
        executeCommand("sentral:account-add --password " + password + " " + b + " boss@" + b + " company-admin");
        String otherAudit = get("/api/v1/audit?entityType=api-token", basic("boss@" + b, password)).body();
        assertEquals("another company's audit log is invisible", "[]", otherAudit);
    }
}
