package no.sentral.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;
import no.sentral.api.security.Realm;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Authorization header parsing and the mapping of JAAS subjects to Sentral principals. */
class AuthenticatorTest {

    private static Configuration previous;

    /** A realm "sentral" that knows a company user, a token, the Karaf admin and a Karaf user without admin. */
    static final java.util.concurrent.atomic.AtomicInteger LOGINS = new java.util.concurrent.atomic.AtomicInteger();

    public static class FakeModule implements LoginModule {
        private Subject subject;
        private CallbackHandler handler;
        private String user;

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> shared, Map<String, ?> options) {
            this.subject = subject;
            this.handler = handler;
        }

        @Override
        public boolean login() throws LoginException {
            LOGINS.incrementAndGet();
            NameCallback name = new NameCallback("u");
            PasswordCallback password = new PasswordCallback("p", false);
            try {
                handler.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new LoginException(e.toString());
            }
            String secret = new String(password.getPassword());
            user = name.getName();
            boolean ok = switch (user) {
                case "kari@acme.example" -> "kari-password".equals(secret);
                case Realm.TOKEN_USER -> "snt_good".equals(secret);
                case "admin", "operator" -> "karaf-secret".equals(secret);
                default -> false;
            };
            if (!ok) {
                throw new FailedLoginException("no");
            }
            return true;
        }

        @Override
        public boolean commit() {
            switch (user) {
                case "kari@acme.example" -> subject.getPrincipals().add(new SentralPrincipal(user, "acme",
                        Set.of(Role.COMPANY_ADMIN), Set.of(), false));
                case Realm.TOKEN_USER -> subject.getPrincipals().add(new SentralPrincipal("token:hr", "acme",
                        Set.of(Role.EMPLOYEE), Set.of(), true));
                case "admin" -> subject.getPrincipals().add(new RolePrincipal("admin"));
                default -> subject.getPrincipals().add(new RolePrincipal("viewer"));
            }
            return true;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            return true;
        }
    }

    @BeforeAll
    static void installRealm() {
        previous = Configuration.getConfiguration();
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return Realm.NAME.equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                        FakeModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())}
                        : null;
            }
        });
    }

    @AfterAll
    static void restoreRealm() {
        Configuration.setConfiguration(previous);
    }

    private final CredentialCache cache = new CredentialCache(java.time.Clock.systemUTC(), java.time.Duration.ofMinutes(1));
    private final Authenticator authenticator = new Authenticator(cache);

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noHeaderMeansAnonymous() throws LoginException {
        assertTrue(authenticator.authenticate(null).isEmpty());
        assertTrue(authenticator.authenticate("  ").isEmpty());
    }

    @Test
    void companyAccountKeepsItsTenant() throws LoginException {
        SentralPrincipal p = authenticator.authenticate(basic("kari@acme.example", "kari-password")).orElseThrow();
        assertEquals("acme", p.tenant());
        assertTrue(p.has(Role.COMPANY_ADMIN));
    }

    @Test
    void bearerTokenIsASystem() throws LoginException {
        SentralPrincipal p = authenticator.authenticate("Bearer snt_good").orElseThrow();
        assertTrue(p.system());
        assertEquals("acme", p.tenant());
    }

    @Test
    void karafAdminIsThePlatformAdminWithoutTenant() throws LoginException {
        SentralPrincipal p = authenticator.authenticate(basic("admin", "karaf-secret")).orElseThrow();
        assertEquals(Set.of(Role.PLATFORM_ADMIN), p.roles());
        assertNull(p.tenant());
    }

    @Test
    void aKarafUserWithoutAdminRoleIsRefused() {
        assertThrows(LoginException.class, () -> authenticator.authenticate(basic("operator", "karaf-secret")));
    }

    @Test
    void wrongOrMalformedCredentialsAreRefused() {
        assertThrows(LoginException.class, () -> authenticator.authenticate(basic("kari@acme.example", "wrong")));
        assertThrows(LoginException.class, () -> authenticator.authenticate("Bearer snt_bad"));
        assertThrows(LoginException.class, () -> authenticator.authenticate("Basic not-base64!"));
        assertThrows(LoginException.class, () -> authenticator.authenticate(
                "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))));
        assertThrows(LoginException.class, () -> authenticator.authenticate("Digest abc"));
    }

    @Test
    void aVerifiedCredentialIsNotVerifiedAgainUntilItChanges() throws LoginException {
        // Issue 11 §2: the realm (a PBKDF2 derivation) runs once; a change to the login makes it run again.
        String kari = basic("kari@acme.example", "kari-password");
        int before = LOGINS.get();
        authenticator.authenticate(kari);
        authenticator.authenticate(kari);
        authenticator.authenticate("Bearer snt_good");
        authenticator.authenticate("Bearer snt_good");
        assertEquals(before + 2, LOGINS.get());

        cache.changed(no.sentral.api.security.CredentialsChanged.tokens("acme"));
        authenticator.authenticate(kari);
        authenticator.authenticate("Bearer snt_good");
        assertEquals(before + 3, LOGINS.get(), "only the token is verified again");

        cache.changed(no.sentral.api.security.CredentialsChanged.account("acme", "kari@acme.example"));
        authenticator.authenticate(kari);
        assertEquals(before + 4, LOGINS.get());
        assertThrows(LoginException.class, () -> authenticator.authenticate(basic("kari@acme.example", "wrong")));
        assertThrows(LoginException.class, () -> authenticator.authenticate(basic("kari@acme.example", "wrong")));
        assertEquals(before + 6, LOGINS.get(), "wrong credentials are never remembered");
    }
}
