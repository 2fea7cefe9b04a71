package no.sentral.platform.internal.security;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import no.sentral.api.failure.FieldError;
import no.sentral.api.persistence.Transaction;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.Accounts;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.platform.internal.persistence.Database;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Tenants, the accounts of people and the API tokens of systems, in PostgreSQL. */
@Component(service = {AccountStore.class, Accounts.class})
public class AccountStore implements Accounts {

    /** Tokens look like {@code snt_<43 chars>} so they are easy to spot in a secrets scanner. */
    static final String TOKEN_PREFIX = "snt_";

    /** Checked against for unknown users, so that they cost one derivation like everyone else. */
    private static final String DUMMY_HASH = PasswordHash.hash(Secrets.random(16));

    private final Database database;

    @Activate
    public AccountStore(@Reference Database database) {
        this.database = database;
    }

    public record Tenant(String id, String name) {
    }

    public record Token(String id, String tenant, String name, Set<Role> roles, boolean revoked) {
    }

    public record IssuedToken(String id, String token) {
    }

    public void createTenant(String id, String name) {
        List<FieldError> errors = new ArrayList<>();
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            errors.add(new FieldError("id", "2-63 lower-case letters, digits or '-', starting with a letter or digit"));
        }
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "required"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.invalid(errors);
        }
        update("INSERT INTO platform_tenant (id, name) VALUES (?, ?)", "tenant " + id + " already exists", id, name);
    }

    public Optional<Tenant> tenant(String id) {
        return query("SELECT id, name FROM platform_tenant WHERE id = ?", rs -> new Tenant(rs.getString(1),
                rs.getString(2)), id).stream().findFirst();
    }

    public List<Tenant> tenants() {
        return query("SELECT id, name FROM platform_tenant ORDER BY id",
                rs -> new Tenant(rs.getString(1), rs.getString(2)));
    }

    public void createAccount(String username, String tenant, String password, Set<Role> roles,
                              Set<String> departments) {
        checkUsername(username);
        checkPassword(password);
        checkRoles(roles);
        requireTenant(tenant);
        update("INSERT INTO platform_account (username, tenant, password_hash, roles, departments)"
                        + " VALUES (?, ?, ?, ?, ?)", "account " + username + " already exists",
                username, tenant, PasswordHash.hash(password), roleIds(roles), departments.toArray(String[]::new));
    }

    /** Sets a new password for an account of {@code tenant}; false when there is no such account. */
    public boolean resetPassword(String tenant, String username, String password) {
        checkPassword(password);
        return update("UPDATE platform_account SET password_hash = ? WHERE tenant = ? AND username = ?", null,
                PasswordHash.hash(password), tenant, username) == 1;
    }

    /** Creates a token and returns it in clear; only its hash is stored, so this is the only time it is seen. */
    public IssuedToken createToken(String tenant, String name, Set<Role> roles) {
        if (name == null || name.isBlank()) {
            throw DomainException.invalid(List.of(new FieldError("name", "required")));
        }
        checkRoles(roles);
        requireTenant(tenant);
        IssuedToken issued = new IssuedToken(UUID.randomUUID().toString(), TOKEN_PREFIX + Secrets.random(32));
        update("INSERT INTO platform_api_token (id, tenant, name, token_hash, roles) VALUES (?, ?, ?, ?, ?)",
                "token exists", issued.id(), tenant, name, Secrets.sha256Hex(issued.token()), roleIds(roles));
        return issued;
    }

    public List<Token> tokens(String tenant) {
        return query("SELECT id, tenant, name, roles, revoked_at IS NOT NULL FROM platform_api_token"
                + " WHERE tenant = ? ORDER BY created_at", rs -> new Token(rs.getString(1), rs.getString(2),
                rs.getString(3), roles(rs.getArray(4)), rs.getBoolean(5)), tenant);
    }

    public void revokeToken(String tenant, String id) {
        if (update("UPDATE platform_api_token SET revoked_at = now() WHERE tenant = ? AND id = ?"
                + " AND revoked_at IS NULL", null, tenant, id) == 0) {
            throw DomainException.notFound("token " + id);
        }
    }

    public Optional<SentralPrincipal> authenticate(String username, String password) {
        List<Object[]> rows = query("SELECT a.password_hash, a.tenant, a.roles, a.departments FROM platform_account a"
                + " WHERE a.username = ? AND NOT a.disabled", rs -> new Object[] {rs.getString(1), rs.getString(2),
                roles(rs.getArray(3)), Set.of((String[]) rs.getArray(4).getArray())}, username);
        if (rows.isEmpty()) {
            // Spend the same time as a real check so that a timing difference does not reveal who exists.
            PasswordHash.verify(password, DUMMY_HASH);
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        if (!PasswordHash.verify(password, (String) row[0])) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        SentralPrincipal principal = new SentralPrincipal(username, (String) row[1], (Set<Role>) row[2],
                (Set<String>) row[3], false);
        return Optional.of(principal);
    }

    public Optional<SentralPrincipal> authenticateToken(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return query("SELECT name, tenant, roles FROM platform_api_token WHERE token_hash = ? AND revoked_at IS NULL",
                rs -> new SentralPrincipal("token:" + rs.getString(1), rs.getString(2), roles(rs.getArray(3)),
                        Set.of(), true), Secrets.sha256Hex(token)).stream().findFirst();
    }

    private static final String ACCOUNT_COLUMNS = "username, roles, departments, disabled";

    @Override
    public List<Account> list(String tenant) {
        return query("SELECT " + ACCOUNT_COLUMNS + " FROM platform_account WHERE tenant = ? ORDER BY username",
                AccountStore::account, tenant);
    }

    @Override
    public Optional<Account> find(String tenant, String username) {
        return query("SELECT " + ACCOUNT_COLUMNS + " FROM platform_account WHERE tenant = ? AND username = ?",
                AccountStore::account, tenant, username).stream().findFirst();
    }

    @Override
    public Account grant(Transaction tx, String username, String password, Set<Role> roles, Set<String> departments) {
        checkUsername(username);
        checkRoles(roles);
        if (password != null) {
            checkPassword(password);
        }
        Connection c = tx.connection();
        String[] departmentIds = departments.stream().sorted().toArray(String[]::new);
        try {
            List<String> owner = query(c, "SELECT tenant FROM platform_account WHERE username = ? FOR UPDATE",
                    rs -> rs.getString(1), username);
            if (owner.isEmpty()) {
                if (password == null) {
                    throw DomainException.invalid(List.of(new FieldError("password", "a new login needs a password")));
                }
                update(c, "INSERT INTO platform_account (username, tenant, password_hash, roles, departments)"
                                + " VALUES (?, ?, ?, ?, ?)", null, username, tx.tenant(), PasswordHash.hash(password),
                        roleIds(roles), departmentIds);
            } else if (!owner.get(0).equals(tx.tenant())) {
                throw DomainException.conflict("the username " + username + " is taken");
            } else {
                update(c, "UPDATE platform_account SET roles = ?, departments = ?, disabled = false,"
                                + " password_hash = coalesce(?, password_hash) WHERE username = ?", null,
                        roleIds(roles), departmentIds, password == null ? null : PasswordHash.hash(password), username);
            }
            return query(c, "SELECT " + ACCOUNT_COLUMNS + " FROM platform_account WHERE username = ?",
                    AccountStore::account, username).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public List<Account> replaceDepartment(Transaction tx, String from, String to) {
        Connection c = tx.connection();
        try {
            List<Account> before = query(c, "SELECT " + ACCOUNT_COLUMNS + " FROM platform_account WHERE tenant = ?"
                    + " AND ? = ANY(departments) ORDER BY username FOR UPDATE", AccountStore::account, tx.tenant(), from);
            update(c, "UPDATE platform_account SET departments = ARRAY(SELECT DISTINCT unnest(array_replace(departments,"
                    + " ?, ?)) ORDER BY 1) WHERE tenant = ? AND ? = ANY(departments)", null, from, to, tx.tenant(), from);
            return before;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public boolean disable(Transaction tx, String username) {
        try {
            return update(tx.connection(), "UPDATE platform_account SET disabled = true WHERE tenant = ? AND username = ?",
                    null, tx.tenant(), username) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getString(1), roles(rs.getArray(2)), Set.of((String[]) rs.getArray(3).getArray()),
                rs.getBoolean(4));
    }

    private static void checkUsername(String username) {
        if (username == null || !username.matches("[A-Za-z0-9._@+-]{3,254}")) {
            throw DomainException.invalid(List.of(new FieldError("username",
                    "3-254 letters, digits or . _ @ + -")));
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < 12) {
            throw DomainException.invalid(List.of(new FieldError("password", "at least 12 characters")));
        }
    }

    private void requireTenant(String tenant) {
        if (tenant(tenant).isEmpty()) {
            throw DomainException.notFound("tenant " + tenant);
        }
    }

    private static void checkRoles(Set<Role> roles) {
        if (roles.isEmpty()) {
            throw DomainException.invalid(List.of(new FieldError("roles", "at least one role is required")));
        }
        if (roles.contains(Role.PLATFORM_ADMIN)) {
            throw DomainException.invalid(List.of(new FieldError("roles",
                    "platform-admin belongs to the Karaf realm, not to a company")));
        }
    }

    /** Parses "company-admin,employee" into roles, refusing unknown names. */
    public static Set<Role> parseRoles(String text) {
        return parseRoles(List.of(text.split(",")));
    }

    public static Set<Role> parseRoles(List<String> ids) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String id : ids) {
            roles.add(Role.fromId(id.strip()).orElseThrow(() -> DomainException.invalid(List.of(new FieldError(
                    "roles", "unknown role '" + id.strip() + "'; roles: " + Arrays.stream(Role.values())
                    .map(Role::id).collect(Collectors.joining(", ")))))));
        }
        return roles;
    }

    private static String[] roleIds(Set<Role> roles) {
        return roles.stream().map(Role::id).sorted().toArray(String[]::new);
    }

    private static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String id : (String[]) array.getArray()) {
            Role.fromId(id).ifPresent(roles::add);
        }
        return roles;
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (Connection c = database.dataSource().getConnection()) {
            return query(c, sql, row, args);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static <T> List<T> query(Connection c, String sql, Row<T> row, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            List<T> result = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(row.map(rs));
                }
            }
            return result;
        }
    }

    private int update(String sql, String duplicateMessage, Object... args) {
        try (Connection c = database.dataSource().getConnection()) {
            return update(c, sql, duplicateMessage, args);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static int update(Connection c, String sql, String duplicateMessage, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(c, ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) && duplicateMessage != null) {
                throw DomainException.conflict(duplicateMessage);
            }
            throw e;
        }
    }

    private static void bind(Connection c, PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof String[] array) {
                ps.setArray(i + 1, c.createArrayOf("text", array));
            } else {
                ps.setObject(i + 1, args[i]);
            }
        }
    }
}
