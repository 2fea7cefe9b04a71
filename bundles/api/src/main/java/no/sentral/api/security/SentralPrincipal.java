package no.sentral.api.security;

import java.security.Principal;
import java.util.Objects;
import java.util.Set;
import no.sentral.api.failure.DomainException;

/**
 * Who is calling: a person or a system (API token), the company they act for and their roles.
 * The tenant always comes from here, never from a request body.
 *
 * @param tenant      the company id, or null for the platform administrator
 * @param departments for a department admin: the departments they administer
 * @param system      true for an API token (a system, not a person)
 */
public record SentralPrincipal(String name, String tenant, Set<Role> roles, Set<String> departments,
                               boolean system) implements Principal {

    public SentralPrincipal {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
        departments = Set.copyOf(departments);
    }

    @Override
    public String getName() {
        return name;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isPlatformAdmin() {
        return roles.contains(Role.PLATFORM_ADMIN);
    }

    /** The caller's company, for operations that act inside one; the platform admin has none. */
    public String requireTenant() {
        if (tenant == null) {
            throw DomainException.forbidden("this acts inside a company: log in with a company account or token");
        }
        return tenant;
    }
}
