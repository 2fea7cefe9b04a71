package no.sentral.rest.internal;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import javax.annotation.Priority;
import javax.annotation.security.PermitAll;
import javax.annotation.security.RolesAllowed;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;

/**
 * Authorisation of the matched resource method. Deny by default: a method is open only with {@code @PermitAll};
 * {@code @RolesAllowed} names the roles (by {@link Role#id()}); without either, any logged-in caller may call it.
 */
@Priority(Priorities.AUTHORIZATION)
final class RolesFilter implements ContainerRequestFilter {

    @Context
    private ResourceInfo resourceInfo;

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        boolean permitAll = method != null && (method.isAnnotationPresent(PermitAll.class)
                || !method.isAnnotationPresent(RolesAllowed.class) && type.isAnnotationPresent(PermitAll.class));
        if (permitAll) {
            return;
        }
        if (!(request.getSecurityContext().getUserPrincipal() instanceof SentralPrincipal caller)) {
            // AuthFilter lets anonymous requests through only to public operations; this one is not.
            request.abortWith(AuthFilter.unauthorized("log in with Basic credentials or a Bearer API token"));
            return;
        }
        RolesAllowed allowed = method == null ? null : Optional.ofNullable(method.getAnnotation(RolesAllowed.class))
                .orElse(type.getAnnotation(RolesAllowed.class));
        if (allowed != null && Arrays.stream(allowed.value()).noneMatch(id ->
                Role.fromId(id).map(caller::has).orElse(false))) {
            request.abortWith(Problems.response(403, "forbidden", "Forbidden",
                    "this needs one of the roles " + String.join(", ", allowed.value())));
        }
    }
}
