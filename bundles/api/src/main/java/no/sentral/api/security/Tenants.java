package no.sentral.api.security;

import java.util.List;
import java.util.Optional;

/** The companies (tenants) of the installation: the platform admin's business. */
public interface Tenants {

    record Tenant(String id, String name) {
    }

    /**
     * Creates a company. The id is 2-63 lower-case letters, digits or '-'; a taken id is a conflict.
     */
    void create(String id, String name);

    Optional<Tenant> find(String id);

    /** All companies, by id. */
    List<Tenant> list();
}
