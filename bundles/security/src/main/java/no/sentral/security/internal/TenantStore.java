package no.sentral.security.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.sentral.api.failure.DomainException;
import no.sentral.api.failure.FieldError;
import no.sentral.api.security.Tenants;
import no.sentral.api.spi.jdbc.Database;
import no.sentral.api.spi.jdbc.Sql;
import no.sentral.api.spi.rest.Patterns;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The companies of the installation, in {@code platform_tenant}. */
@Component(service = {Tenants.class, TenantStore.class})
public class TenantStore implements Tenants {

    private final Database database;

    @Activate
    public TenantStore(@Reference Database database) {
        this.database = database;
    }

    @Override
    public void create(String id, String name) {
        List<FieldError> errors = new ArrayList<>();
        if (id == null || !id.matches(Patterns.TENANT_ID)) {
            errors.add(new FieldError("id", Patterns.TENANT_ID_RULE));
        }
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "required"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        database.run(c -> Rows.update(c, "INSERT INTO platform_tenant (id, name) VALUES (?, ?)",
                "tenant " + id + " already exists", id, name));
    }

    @Override
    public Optional<Tenant> find(String id) {
        return database.run(c -> Sql.one(c, "SELECT id, name FROM platform_tenant WHERE id = ?",
                rs -> new Tenant(rs.getString(1), rs.getString(2)), id));
    }

    @Override
    public List<Tenant> list() {
        return database.run(c -> Sql.list(c, "SELECT id, name FROM platform_tenant ORDER BY id",
                rs -> new Tenant(rs.getString(1), rs.getString(2))));
    }

    /** Fails as not found unless the company exists. */
    void require(String id) {
        if (find(id).isEmpty()) {
            throw DomainException.notFound("tenant " + id);
        }
    }
}
