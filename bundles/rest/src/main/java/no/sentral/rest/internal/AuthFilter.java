package no.sentral.rest.internal;

import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Arrays;
import java.util.Optional;
import javax.annotation.Priority;
import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.security.auth.login.LoginException;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication and authorisation of every request. Deny by default: a resource method is open
 * only with {@code @PermitAll}; {@code @RolesAllowed} names the roles (by {@link Role#id()});
 * without either, any logged-in caller may call it. The principal then reaches resources as
 * {@code SecurityContext.getUserPrincipal()}, a {@link SentralPrincipal} with the tenant.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {

    static final String CHALLENGE = "Basic realm=\"sentral\", Bearer realm=\"sentral\"";
    private static final Logger LOG = LoggerFactory.getLogger(AuthFilter.class);

    private final Authenticator authenticator = new Authenticator();

    @Context
    private ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<SentralPrincipal> principal;
        try {
            principal = authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        } catch (LoginException e) {
            LOG.debug("login failed: {}", e.getMessage());
            request.abortWith(Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized",
                    "wrong user name, password or token")).header("WWW-Authenticate", CHALLENGE).build());
            return;
        }
        Method method = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        boolean permitAll = method != null && (method.isAnnotationPresent(PermitAll.class)
                || !method.isAnnotationPresent(RolesAllowed.class) && type.isAnnotationPresent(PermitAll.class));
        if (principal.isEmpty()) {
            if (!permitAll) {
                request.abortWith(Response.fromResponse(Problems.response(401, "unauthorized", "Unauthorized",
                        "log in with Basic credentials or a Bearer API token"))
                        .header("WWW-Authenticate", CHALLENGE).build());
            }
            return;
        }
        RolesAllowed allowed = method == null ? null : Optional.ofNullable(method.getAnnotation(RolesAllowed.class))
                .orElse(type.getAnnotation(RolesAllowed.class));
        SentralPrincipal caller = principal.get();
        if (!permitAll && allowed != null && Arrays.stream(allowed.value()).noneMatch(id ->
                Role.fromId(id).map(caller::has).orElse(false))) {
            request.abortWith(Problems.response(403, "forbidden", "Forbidden",
                    "this needs one of the roles " + String.join(", ", allowed.value())));
            return;
        }
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
}
