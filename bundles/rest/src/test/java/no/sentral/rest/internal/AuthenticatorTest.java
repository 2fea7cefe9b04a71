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
    /** Kari's password in the realm: a test changes it behind the cache's back, as another node would. */
    static volatile String kariPassword = "kari-password";
    /** What every login waits for first: open, unless a test holds logins back. */
    static volatile java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(0);

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
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new LoginException("interrupted");
            }
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
                case "kari@acme.example" -> kariPassword.equals(secret);
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

    private final no.sentral.api.testing.ManualClock clock =
            new no.sentral.api.testing.ManualClock(java.time.Instant.parse("2026-12-07T12:00:00Z"));
    private final CredentialCache cache = new CredentialCache(clock, java.time.Duration.ofMinutes(1));
    /** Background verifications, run when a test says. */
    private final java.util.List<Runnable> refreshes = new java.util.ArrayList<>();
    /** Records what the authenticator reports, and throttles whom a test says. */
    private static final class Recorded implements no.sentral.api.security.LoginThrottle {
        final java.util.List<String> failed = new java.util.ArrayList<>();
        final java.util.List<String> succeeded = new java.util.ArrayList<>();
        String throttledAccount;

        @Override
        public long retryAfter(String account, String address) {
            return account != null && account.equals(throttledAccount) ? 7 : 0;
        }

        @Override
        public void failed(String account, String address, String channel) {
            failed.add(account + "@" + address + " via " + channel);
        }

        @Override
        public void succeeded(String account) {
            succeeded.add(account);
        }
    }

    private final Recorded throttle = new Recorded();
    private final Authenticator authenticator = new Authenticator(cache, throttle, refreshes::add);

    private java.util.Optional<SentralPrincipal> auth(String authorization) throws LoginException {
        return authenticator.authenticate(authorization, "192.0.2.7");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void noHeaderMeansAnonymous() throws LoginException {
        assertTrue(auth(null).isEmpty());
        assertTrue(auth("  ").isEmpty());
    }

    @Test
    void companyAccountKeepsItsTenant() throws LoginException {
        SentralPrincipal p = auth(basic("kari@acme.example", "kari-password")).orElseThrow();
        assertEquals("acme", p.tenant());
        assertTrue(p.has(Role.COMPANY_ADMIN));
    }

    @Test
    void bearerTokenIsASystem() throws LoginException {
        SentralPrincipal p = auth("Bearer snt_good").orElseThrow();
        assertTrue(p.system());
        assertEquals("acme", p.tenant());
    }

    @Test
    void karafAdminIsThePlatformAdminWithoutTenant() throws LoginException {
        SentralPrincipal p = auth(basic("admin", "karaf-secret")).orElseThrow();
        assertEquals(Set.of(Role.PLATFORM_ADMIN), p.roles());
        assertNull(p.tenant());
    }

    @Test
    void aKarafUserWithoutAdminRoleIsRefused() {
        assertThrows(LoginException.class, () -> auth(basic("operator", "karaf-secret")));
    }

    @Test
    void wrongOrMalformedCredentialsAreRefused() {
        assertThrows(LoginException.class, () -> auth(basic("kari@acme.example", "wrong")));
        assertThrows(LoginException.class, () -> auth("Bearer snt_bad"));
        assertThrows(LoginException.class, () -> auth("Basic not-base64!"));
        assertThrows(LoginException.class, () -> auth(
                "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))));
        assertThrows(LoginException.class, () -> auth("Digest abc"));
    }

    @Test
    void aVerifiedCredentialIsNotVerifiedAgainUntilItChanges() throws LoginException {
        // Issue 11 §2: the realm (a PBKDF2 derivation) runs once; a change to the login makes it run again.
        String kari = basic("kari@acme.example", "kari-password");
        int before = LOGINS.get();
        auth(kari);
        auth(kari);
        auth("Bearer snt_good");
        auth("Bearer snt_good");
        assertEquals(before + 2, LOGINS.get());

        cache.changed(no.sentral.api.security.CredentialsChanged.tokens("acme"));
        auth(kari);
        auth("Bearer snt_good");
        assertEquals(before + 3, LOGINS.get(), "only the token is verified again");

        cache.changed(no.sentral.api.security.CredentialsChanged.account("acme", "kari@acme.example"));
        auth(kari);
        assertEquals(before + 4, LOGINS.get());
        assertThrows(LoginException.class, () -> auth(basic("kari@acme.example", "wrong")));
        assertThrows(LoginException.class, () -> auth(basic("kari@acme.example", "wrong")));
        assertEquals(before + 6, LOGINS.get(), "wrong credentials are never remembered");
    }

    @Test
    void aCredentialInUseIsVerifiedAgainInTheBackgroundBeforeItExpires() throws LoginException {
        // A busy Basic client's requests never wait for a PBKDF2 derivation after the first.
        String kari = basic("kari@acme.example", "kari-password");
        auth(kari);
        int before = LOGINS.get();
        clock.advance(java.time.Duration.ofSeconds(44));
        auth(kari);
        assertEquals(0, refreshes.size());
        clock.advance(java.time.Duration.ofSeconds(2));
        assertEquals("kari@acme.example", auth(kari).orElseThrow().getName());
        auth(kari);
        assertEquals(1, refreshes.size(), "one verification at a time");
        assertEquals(before, LOGINS.get(), "answered from the cache meanwhile");
        refreshes.remove(0).run();
        assertEquals(before + 1, LOGINS.get());
        clock.advance(java.time.Duration.ofSeconds(40));
        auth(kari);
        assertEquals(before + 1, LOGINS.get(), "86 s after the first verification, 40 s after the second");
        assertEquals(0, refreshes.size());
    }

    @Test
    void aCredentialThatNoLongerLogsInIsForgottenByItsBackgroundVerification() throws LoginException {
        String kari = basic("kari@acme.example", "kari-password");
        auth(kari);
        clock.advance(java.time.Duration.ofSeconds(50));
        auth(kari);
        kariPassword = "changed-on-another-node";
        try {
            refreshes.remove(0).run();
            assertThrows(LoginException.class, () -> auth(kari), "verified again at once, and refused");
        } finally {
            kariPassword = "kari-password";
        }
    }

    @Test
    void concurrentRequestsWithTheSameCredentialsShareOneVerification() throws Exception {
        String kari = basic("kari@acme.example", "kari-password");
        int before = LOGINS.get();
        java.util.List<java.util.concurrent.FutureTask<java.util.Optional<SentralPrincipal>>> requests =
                loginsHeldBack(kari, 5);
        for (var request : requests) {
            assertEquals("kari@acme.example", request.get().orElseThrow().getName());
        }
        assertEquals(before + 1, LOGINS.get());
    }

    @Test
    void aRequestArrivingAfterAChangeDoesNotShareAVerificationBegunBeforeIt() throws Exception {
        String kari = basic("kari@acme.example", "kari-password");
        int before = LOGINS.get();
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        gate = held;
        var first = started(kari);
        awaitWaiting(java.util.List.of(first.thread()));
        cache.changed(no.sentral.api.security.CredentialsChanged.account("acme", "kari@acme.example"));
        var second = started(kari);
        awaitWaiting(java.util.List.of(first.thread(), second.thread()));
        held.countDown();
        first.task().get();
        second.task().get();
        assertEquals(before + 2, LOGINS.get(), "the later request verified the credentials as they are now");
    }

    private record Started(Thread thread, java.util.concurrent.FutureTask<java.util.Optional<SentralPrincipal>> task) {
    }

    private Started started(String authorization) {
        var task = new java.util.concurrent.FutureTask<>(() -> auth(authorization));
        Thread thread = new Thread(task);
        thread.start();
        return new Started(thread, task);
    }

    /** Starts {@code count} requests while logins are held back, lets them go once all of them wait. */
    private java.util.List<java.util.concurrent.FutureTask<java.util.Optional<SentralPrincipal>>> loginsHeldBack(
            String authorization, int count) throws InterruptedException {
        java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
        gate = held;
        java.util.List<Started> started = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> started(authorization)).toList();
        awaitWaiting(started.stream().map(Started::thread).toList());
        held.countDown();
        return started.stream().map(Started::task).toList();
    }

    /** Waits until every thread waits: on the held-back login, or on the verification it shares. */
    private static void awaitWaiting(java.util.List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
            assertTrue(System.nanoTime() < deadline, "requests did not get to wait");
            Thread.sleep(5);
        }
    }

    @Test
    void failuresAreReportedToTheThrottleWhichCanRefuseWithoutChecking() throws LoginException {
        // Issue 11 §2: failed logins are counted per account and address; a throttled account is not checked.
        assertThrows(LoginException.class, () -> auth(basic("kari@acme.example", "wrong")));
        assertThrows(LoginException.class, () -> auth("Bearer snt_bad"));
        assertEquals(java.util.List.of("kari@acme.example@192.0.2.7 via rest", "null@192.0.2.7 via rest"),
                throttle.failed);
        auth(basic("admin", "karaf-secret"));
        assertEquals(java.util.List.of("admin"), throttle.succeeded);

        throttle.throttledAccount = "kari@acme.example";
        int before = LOGINS.get();
        Authenticator.Throttled refused = assertThrows(Authenticator.Throttled.class,
                () -> auth(basic("kari@acme.example", "kari-password")));
        assertEquals(7, refused.retryAfterSeconds);
        assertEquals(before, LOGINS.get(), "the realm is not asked while throttled");
    }
}
