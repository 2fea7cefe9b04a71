package no.sentral.security.internal;

import no.sentral.api.security.Secrets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.ApiTokens;
import no.sentral.api.security.CredentialsChanged;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.jdbc.Database;
import no.sentral.api.spi.jdbc.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** API tokens of systems, in {@code platform_api_token}: only their SHA-256 is stored. */
@Component(service = {ApiTokens.class, TokenStore.class})
public class TokenStore implements ApiTokens {

    /** Tokens look like {@code snt_<43 chars>} so they are easy to spot in a secrets scanner. */
    static final String TOKEN_PREFIX = "snt_";

    private final Database database;
    private final TenantStore tenants;
    private final CredentialChanges changes;

    @Activate
    public TokenStore(@Reference Database database, @Reference TenantStore tenants,
                      @Reference CredentialChanges changes) {
        this.database = database;
        this.tenants = tenants;
        this.changes = changes;
    }

    @Override
    public IssuedToken create(String tenant, String name, Set<Role> roles) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid("name", "required");
        }
        Rows.checkRoles(roles);
        tenants.require(tenant);
        IssuedToken issued = new IssuedToken(UUID.randomUUID().toString(), TOKEN_PREFIX + Secrets.random(32));
        database.run(c -> Rows.update(c, "INSERT INTO platform_api_token (id, tenant, name, token_hash, roles)"
                + " VALUES (?, ?, ?, ?, ?)", "token exists", issued.id(), tenant, name,
                Secrets.sha256Hex(issued.token()), Rows.roleIds(roles)));
        return issued;
    }

    @Override
    public List<Token> list(String tenant) {
        return database.run(c -> Sql.list(c, "SELECT id, tenant, name, roles, revoked_at IS NOT NULL"
                + " FROM platform_api_token WHERE tenant = ? ORDER BY created_at", rs -> new Token(rs.getString(1),
                rs.getString(2), rs.getString(3), Rows.roles(rs.getArray(4)), rs.getBoolean(5)), tenant));
    }

    @Override
    public void revoke(String tenant, String id) {
        if (database.run(c -> Sql.update(c, "UPDATE platform_api_token SET revoked_at = now() WHERE tenant = ?"
                + " AND id = ? AND revoked_at IS NULL", tenant, id)) == 0) {
            throw DomainException.notFound("token " + id);
        }
        changes.committed(CredentialsChanged.tokens(tenant));
    }

    /** The principal of a valid, unrevoked token: one SHA-256 and one indexed lookup. */
    public Optional<SentralPrincipal> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return database.run(c -> Sql.one(c, "SELECT name, tenant, roles FROM platform_api_token"
                + " WHERE token_hash = ? AND revoked_at IS NULL", rs -> new SentralPrincipal("token:" + rs.getString(1),
                rs.getString(2), Rows.roles(rs.getArray(3)), Set.of(), true), Secrets.sha256Hex(token)));
    }
}
