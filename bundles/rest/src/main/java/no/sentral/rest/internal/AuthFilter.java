package no.sentral.rest.internal;

import java.security.Principal;
import java.util.Optional;
import javax.annotation.Priority;
import javax.security.auth.login.LoginException;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication of every request, before anything else about it is looked at (its path, method, media
 * types or size): wrong credentials are 401, and so are none, unless the request is for one of the public
 * operations (those with {@code @PermitAll}, as the OpenAPI document lists them). The principal then reaches
 * resources as {@code SecurityContext.getUserPrincipal()}, a {@link SentralPrincipal} with the tenant; which
 * roles may call what is {@link RolesFilter}'s to decide, once the request is matched to its method.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {

    static final String CHALLENGE = "Basic realm=\"sentral\", Bearer realm=\"sentral\"";
    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);

    private final Authenticator authenticator;
    private final PublicOperations publicOperations;

    AuthFilter(PublicOperations publicOperations, CredentialCache cache) {
        this.publicOperations = publicOperations;
        this.authenticator = new Authenticator(cache);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<SentralPrincipal> principal;
        try {
            principal = authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        } catch (LoginException e) {
            LOG.debug("login failed: {}", e.getMessage());
            request.abortWith(unauthorized("wrong user name, password or token"));
            return;
        }
        if (principal.isEmpty()) {
            if (!publicOperations.contains(request.getMethod(), request.getUriInfo().getPath(false))) {
                request.abortWith(unauthorized("log in with Basic credentials or a Bearer API token"));
            }
            return;
        }
        SentralPrincipal caller = principal.get();
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
                return caller.system() ? "Bearer" : SecurityContext.BASIC_AUTH;
            }
        });
    }

    static Response unauthorized(String detail) {
        return Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized", detail))
                .header("WWW-Authenticate", CHALLENGE).build();
    }
}
