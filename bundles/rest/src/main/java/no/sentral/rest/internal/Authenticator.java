package no.sentral.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import no.sentral.api.security.LoginThrottle;
import no.sentral.api.security.Realm;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * Logs a request in against the {@code sentral} JAAS realm: {@code Basic} user and password, or a
 * {@code Bearer} API token. Company accounts and tokens carry their tenant; the Karaf realm's
 * admin becomes the platform administrator, who belongs to no company. What was verified is remembered
 * for a while in the {@link CredentialCache} (and verified again in the background while it is in use), and
 * concurrent requests with the same credentials share one verification.
 */
final class Authenticator {

    private static final String KARAF_ADMIN_ROLE = "admin";

    /** Refused without being checked, because of earlier failures: answer with Retry-After. */
    static final class Throttled extends LoginException {
        final long retryAfterSeconds;

        Throttled(long retryAfterSeconds) {
            super("too many failed logins: try again in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }
    }

    /** A verification under way: the credentials' generation when it began, and the principal it verified (or null). */
    private record Flight(long generation, CompletableFuture<SentralPrincipal> result) {
    }

    private final CredentialCache cache;
    private final LoginThrottle throttle;
    /** Where credentials in use are verified again before their cache entry expires. */
    private final Executor refresher;
    /**
     * Verifications under way by cache key, so that concurrent requests with the same credentials wait for one
     * instead of each deriving the same hash: when a busy client's entry expired, its 20 threads paid 20 PBKDF2
     * derivations (600,000 iterations each) at once.
     */
    private final Map<String, Flight> verifying = new ConcurrentHashMap<>();

    Authenticator(CredentialCache cache, LoginThrottle throttle, Executor refresher) {
        this.cache = cache;
        this.throttle = throttle;
        this.refresher = refresher;
    }

    /**
     * Empty when there are no credentials; throws when there are wrong ones, or {@link Throttled} when earlier
     * failures of the account or of {@code address} (the client's, null when unknown) say to wait.
     */
    Optional<SentralPrincipal> authenticate(String authorization, String address) throws LoginException {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String key = CredentialCache.key(authorization);
        Optional<CredentialCache.Known> known = cache.get(key);
        if (known.isPresent()) {
            if (known.get().refreshDue()) {
                refresh(key, authorization, address);
            }
            return Optional.of(known.get().principal());
        }
        Flight mine = new Flight(cache.generation(), new CompletableFuture<>());
        Flight running = verifying.putIfAbsent(key, mine);
        if (running != null) {
            // The same header is being verified: its success answers this request too, as the cache would a moment
            // later, unless credentials changed since it began. A failure is checked again here, so that every
            // failed attempt still counts for the throttle.
            SentralPrincipal shared = running.result().handle((principal, failure) -> principal).join();
            if (shared != null && cache.generation() == running.generation()) {
                return Optional.of(shared);
            }
            return Optional.of(verifyAndRemember(key, authorization, address));
        }
        return Optional.of(verifyFor(mine, key, authorization, address));
    }

    /**
     * Verifies the header as the owner of {@code mine}, the flight registered under {@code key}: remembers the
     * principal, hands it to the requests waiting for the flight, and ends the flight whatever happens.
     */
    private SentralPrincipal verifyFor(Flight mine, String key, String authorization, String address)
            throws LoginException {
        try {
            SentralPrincipal verified = verifyHeader(authorization, address);
            cache.remember(key, verified, mine.generation());
            mine.result().complete(verified);
            return verified;
        } finally {
            land(mine, key);
        }
    }

    /** Ends a flight: requests still waiting for it verify on their own. */
    private void land(Flight flight, String key) {
        flight.result().complete(null);
        verifying.remove(key, flight);
    }

    /**
     * Verifies a remembered credential again in the background, once at a time, while requests go on being
     * answered from the cache: otherwise every expiry of a busy Basic client's entry held all its requests for
     * one PBKDF2 derivation (about half a second). A credential that no longer logs in is forgotten, so the
     * next request is verified itself.
     */
    private void refresh(String key, String authorization, String address) {
        Flight mine = new Flight(cache.generation(), new CompletableFuture<>());
        if (verifying.putIfAbsent(key, mine) != null) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    verifyFor(mine, key, authorization, address);
                } catch (LoginException | RuntimeException e) {
                    cache.forget(key);
                }
            });
        } catch (RejectedExecutionException stopping) {
            land(mine, key);
        }
    }

    private SentralPrincipal verifyAndRemember(String key, String authorization, String address)
            throws LoginException {
        long generation = cache.generation();
        SentralPrincipal verified = verifyHeader(authorization, address);
        cache.remember(key, verified, generation);
        return verified;
    }

    private SentralPrincipal verifyHeader(String authorization, String address) throws LoginException {
        String user;
        String secret;
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            user = Realm.TOKEN_USER;
            secret = authorization.substring(7).strip();
        } else if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new LoginException("malformed Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new LoginException("malformed Basic credentials");
            }
            user = decoded.substring(0, colon);
            secret = decoded.substring(colon + 1);
        } else {
            throw new LoginException("unsupported authorization scheme");
        }
        return verify(user, secret, address);
    }

    /** Logs {@code user} in against the realm, never from the cache (a login form, say), if not throttled. */
    SentralPrincipal verify(String user, String secret, String address) throws LoginException {
        // API tokens are too long to guess, so only their address is throttled.
        String account = Realm.TOKEN_USER.equals(user) ? null : user;
        long wait = throttle.retryAfter(account, address);
        if (wait > 0) {
            throw new Throttled(wait);
        }
        SentralPrincipal principal;
        try {
            principal = login(user, secret);
        } catch (LoginException e) {
            throttle.failed(account, address, "rest");
            throw e;
        }
        throttle.succeeded(account);
        return principal;
    }

    private SentralPrincipal login(String user, String secret) throws LoginException {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // LoginContext loads the (proxy) login module class through the context class loader.
        thread.setContextClassLoader(Authenticator.class.getClassLoader());
        try {
            LoginContext context = new LoginContext(Realm.NAME, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback password) {
                        password.setPassword(secret.toCharArray());
                    }
                }
            });
            context.login();
        } finally {
            thread.setContextClassLoader(previous);
        }
        Set<SentralPrincipal> sentral = subject.getPrincipals(SentralPrincipal.class);
        if (!sentral.isEmpty()) {
            return sentral.iterator().next();
        }
        for (Principal p : subject.getPrincipals(RolePrincipal.class)) {
            if (KARAF_ADMIN_ROLE.equals(p.getName())) {
                return new SentralPrincipal(user, null, Set.of(Role.PLATFORM_ADMIN), Set.of(), false);
            }
        }
        throw new LoginException(user + " has no Sentral role");
    }
}
