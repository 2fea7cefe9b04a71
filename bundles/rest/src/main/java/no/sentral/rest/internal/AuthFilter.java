package no.sentral.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Priority;
import javax.security.auth.login.LoginException;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.security.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication of every request, before anything else about it is looked at (its path, method, media
 * types or size): wrong credentials are 401, and so are none, unless the request is for one of the public
 * operations (those with {@code @PermitAll}, as the OpenAPI document lists them). Credentials are an
 * {@code Authorization} header (Basic or Bearer) or else a session cookie ({@link SessionResource}); a
 * state-changing request made with the cookie must carry the session's CSRF token in {@value #CSRF_HEADER}.
 * The principal then reaches resources as {@code SecurityContext.getUserPrincipal()}, a {@link SentralPrincipal}
 * with the tenant; which roles may call what is {@link RolesFilter}'s to decide, once the request is matched.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {

    static final String CHALLENGE = "Basic realm=\"sentral\", Bearer realm=\"sentral\"";
    static final String SESSION_COOKIE = "sentral_session";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** The authentication scheme of a request made with the session cookie. */
    static final String SESSION_SCHEME = "Session";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);

    private final Authenticator authenticator;
    private final PublicOperations publicOperations;
    private final Sessions sessions;
    @Context
    private HttpServletRequest servlet;

    AuthFilter(PublicOperations publicOperations, Authenticator authenticator, Sessions sessions) {
        this.publicOperations = publicOperations;
        this.authenticator = authenticator;
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        boolean open = publicOperations.contains(request.getMethod(), request.getUriInfo().getPath(false));
        if ((authorization == null || authorization.isBlank()) && cookie != null) {
            session(request, cookie.getValue(), open);
            return;
        }
        Optional<SentralPrincipal> principal;
        try {
            principal = authenticator.authenticate(authorization, address());
        } catch (Authenticator.Throttled e) {
            request.abortWith(throttled(e));
            return;
        } catch (LoginException e) {
            LOG.debug("login failed: {}", e.getMessage());
            request.abortWith(unauthorized("wrong user name, password or token"));
            return;
        }
        if (principal.isEmpty()) {
            if (!open) {
                request.abortWith(unauthorized("log in with Basic credentials, a Bearer API token or a session"));
            }
            return;
        }
        SentralPrincipal caller = principal.get();
        logIn(request, caller, caller.system() ? "Bearer" : SecurityContext.BASIC_AUTH);
    }

    /**
     * A request with the session cookie. An ended session, or a state-changing request without the session's
     * CSRF token, is anonymous: fine for a public operation (such as logging in again), refused for the others.
     */
    private void session(ContainerRequestContext request, String token, boolean open) {
        Optional<Sessions.Session> session = sessions.find(token);
        if (session.isEmpty()) {
            if (!open) {
                request.abortWith(unauthorized("the session has ended: log in again"));
            }
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod())
                && !sameToken(session.get().csrfToken(), request.getHeaderString(CSRF_HEADER))) {
            if (!open) {
                request.abortWith(Problems.response(403, "csrf", "Forbidden", "a change made with the session"
                        + " cookie needs the session's CSRF token in the " + CSRF_HEADER + " header"));
            }
            return;
        }
        logIn(request, session.get().principal(), SESSION_SCHEME);
    }

    private static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static void logIn(ContainerRequestContext request, SentralPrincipal caller, String scheme) {
        boolean secure = request.getSecurityContext() != null && request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return caller;
            }

            @Override
            public boolean isUserInRole(String role) {
                return Role.fromId(role).map(caller::has).orElse(false);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return scheme;
            }
        });
    }

    /** The client's address as the server sees it; null outside a servlet request (unit tests). */
    private String address() {
        try {
            return servlet == null ? null : servlet.getRemoteAddr();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    static Response throttled(Authenticator.Throttled e) {
        return Response.fromResponse(Problems.response(429, "throttled", "Too Many Requests", e.getMessage()))
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds).build();
    }

    static Response unauthorized(String detail) {
        return Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized", detail))
                .header("WWW-Authenticate", CHALLENGE).build();
    }
}
