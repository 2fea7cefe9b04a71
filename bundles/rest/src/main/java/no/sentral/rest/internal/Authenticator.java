package no.sentral.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import no.sentral.api.security.Realm;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;

/**
 * Logs a request in against the {@code sentral} JAAS realm: {@code Basic} user and password, or a
 * {@code Bearer} API token. Company accounts and tokens carry their tenant; the Karaf realm's
 * admin becomes the platform administrator, who belongs to no company. What was verified is remembered
 * for a while in the {@link CredentialCache}.
 */
final class Authenticator {

    private static final String KARAF_ADMIN_ROLE = "admin";

    private final CredentialCache cache;

    Authenticator(CredentialCache cache) {
        this.cache = cache;
    }

    /** Empty when there are no credentials; throws when there are wrong ones. */
    Optional<SentralPrincipal> authenticate(String authorization) throws LoginException {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String key = CredentialCache.key(authorization);
        Optional<SentralPrincipal> known = cache.get(key);
        if (known.isPresent()) {
            return known;
        }
        long generation = cache.generation();
        SentralPrincipal verified = verify(authorization);
        cache.remember(key, verified, generation);
        return Optional.of(verified);
    }

    private SentralPrincipal verify(String authorization) throws LoginException {
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
        return login(user, secret);
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
