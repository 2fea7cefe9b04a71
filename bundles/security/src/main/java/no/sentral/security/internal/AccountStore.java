package no.sentral.security.internal;

import no.sentral.api.security.Secrets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.Accounts;
import no.sentral.api.security.CredentialsChanged;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.jdbc.Database;
import no.sentral.api.spi.jdbc.Sql;
import no.sentral.api.spi.jdbc.Transaction;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The logins of people, in {@code platform_account}, with PBKDF2 password hashes. */
@Component(service = {AccountStore.class, Accounts.class})
public class AccountStore implements Accounts {

    /** Checked against for unknown users, so that they cost one derivation like everyone else. */
    private static final String DUMMY_HASH = PasswordHash.hash(Secrets.random(16));

    private final Database database;
    private final TenantStore tenants;
    private final CredentialChanges changes;
    private final SessionStore sessions;

    @Activate
    public AccountStore(@Reference Database database, @Reference TenantStore tenants,
                        @Reference CredentialChanges changes, @Reference SessionStore sessions) {
        this.database = database;
        this.tenants = tenants;
        this.changes = changes;
        this.sessions = sessions;
    }

    @Override
    public void create(String tenant, String username, String password, Set<Role> roles, Set<String> departments) {
        checkUsername(username);
        checkPassword(password);
        Rows.checkRoles(roles);
        tenants.require(tenant);
        database.run(c -> Rows.update(c, "INSERT INTO platform_account (username, tenant, password_hash, roles,"
                + " departments) VALUES (?, ?, ?, ?, ?)", "account " + username + " already exists", username, tenant,
                PasswordHash.hash(password), Rows.roleIds(roles), departments.toArray(String[]::new)));
    }

    @Override
    public boolean resetPassword(String tenant, String username, String password) {
        checkPassword(password);
        String hash = PasswordHash.hash(password);
        if (!database.run(c -> {
            if (Sql.update(c, "UPDATE platform_account SET password_hash = ? WHERE tenant = ? AND username = ?", hash,
                    tenant, username) == 0) {
                return false;
            }
            sessions.endAll(c, username);
            return true;
        })) {
            return false;
        }
        changes.committed(CredentialsChanged.account(tenant, username));
        return true;
    }

    /** The login's principal when the password is right; a hash of a lower cost is replaced by today's. */
    public Optional<SentralPrincipal> authenticate(String username, String password) {
        List<Object[]> rows = database.run(c -> Sql.list(c, "SELECT a.password_hash, a.tenant, a.roles, a.departments"
                + " FROM platform_account a WHERE a.username = ? AND NOT a.disabled", rs -> new Object[] {
                    rs.getString(1), rs.getString(2), Rows.roles(rs.getArray(3)),
                    Set.of((String[]) rs.getArray(4).getArray())}, username));
        if (rows.isEmpty()) {
            // Spend the same time as a real check so that a timing difference does not reveal who exists.
            PasswordHash.verify(password, DUMMY_HASH);
            return Optional.empty();
        }
        Object[] row = rows.get(0);
        String stored = (String) row[0];
        if (!PasswordHash.verify(password, stored)) {
            return Optional.empty();
        }
        if (PasswordHash.needsRehash(stored)) {
            // Only if the hash is still the one verified: a password changed meanwhile is not overwritten.
            database.run(c -> Sql.update(c, "UPDATE platform_account SET password_hash = ? WHERE username = ?"
                    + " AND password_hash = ?", PasswordHash.hash(password), username, stored));
        }
        @SuppressWarnings("unchecked")
        SentralPrincipal principal = new SentralPrincipal(username, (String) row[1], (Set<Role>) row[2],
                (Set<String>) row[3], false);
        return Optional.of(principal);
    }

    private static final String ACCOUNT_COLUMNS = "username, roles, departments, disabled";

    @Override
    public List<Account> list(String tenant) {
        return database.run(c -> Sql.list(c, "SELECT " + ACCOUNT_COLUMNS + " FROM platform_account WHERE tenant = ?"
                + " ORDER BY username", AccountStore::account, tenant));
    }

    @Override
    public Optional<Account> find(String tenant, String username) {
        return database.run(c -> Sql.one(c, "SELECT " + ACCOUNT_COLUMNS + " FROM platform_account WHERE tenant = ?"
                + " AND username = ?", AccountStore::account, tenant, username));
    }

    @Override
    public Account grant(Transaction tx, String username, String password, Set<Role> roles, Set<String> departments) {
        checkUsername(username);
        Rows.checkRoles(roles);
        if (password != null) {
            checkPassword(password);
        }
        Connection c = tx.connection();
        String[] departmentIds = departments.stream().sorted().toArray(String[]::new);
        try {
            List<String> owner = Sql.list(c, "SELECT tenant FROM platform_account WHERE username = ? FOR UPDATE",
                    rs -> rs.getString(1), username);
            if (owner.isEmpty()) {
                if (password == null) {
                    throw DomainException.invalid("password", "a new login needs a password");
                }
                Sql.update(c, "INSERT INTO platform_account (username, tenant, password_hash, roles, departments)"
                        + " VALUES (?, ?, ?, ?, ?)", username, tx.tenant(), PasswordHash.hash(password),
                        Rows.roleIds(roles), departmentIds);
            } else if (!owner.get(0).equals(tx.tenant())) {
                throw DomainException.conflict("the username " + username + " is taken");
            } else {
                Sql.update(c, "UPDATE platform_account SET roles = ?, departments = ?, disabled = false,"
                        + " password_hash = coalesce(?, password_hash) WHERE username = ?",
                        Rows.roleIds(roles), departmentIds, password == null ? null : PasswordHash.hash(password), username);
                if (password != null) {
                    sessions.endAll(c, username);
                }
                changes.within(tx, CredentialsChanged.account(tx.tenant(), username));
            }
            return Sql.list(c, "SELECT " + ACCOUNT_COLUMNS + " FROM platform_account WHERE username = ?",
                    AccountStore::account, username).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public List<Account> replaceDepartment(Transaction tx, String from, String to) {
        Connection c = tx.connection();
        try {
            List<Account> before = Sql.list(c, "SELECT " + ACCOUNT_COLUMNS + " FROM platform_account WHERE tenant = ?"
                    + " AND ? = ANY(departments) ORDER BY username FOR UPDATE", AccountStore::account, tx.tenant(), from);
            Sql.update(c, "UPDATE platform_account SET departments = ARRAY(SELECT DISTINCT unnest(array_replace(departments,"
                    + " ?, ?)) ORDER BY 1) WHERE tenant = ? AND ? = ANY(departments)", from, to, tx.tenant(), from);
            for (Account account : before) {
                changes.within(tx, CredentialsChanged.account(tx.tenant(), account.username()));
            }
            return before;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public boolean disable(Transaction tx, String username) {
        try {
            if (Sql.update(tx.connection(), "UPDATE platform_account SET disabled = true WHERE tenant = ?"
                    + " AND username = ?", tx.tenant(), username) == 0) {
                return false;
            }
            sessions.endAll(tx.connection(), username);
            changes.within(tx, CredentialsChanged.account(tx.tenant(), username));
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getString(1), Rows.roles(rs.getArray(2)), Set.of((String[]) rs.getArray(3).getArray()),
                rs.getBoolean(4));
    }

    private static void checkUsername(String username) {
        if (username == null || !username.matches("[A-Za-z0-9._@+-]{3,254}")) {
            throw DomainException.invalid("username", "3-254 letters, digits or . _ @ + -");
        }
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < 12) {
            throw DomainException.invalid("password", "at least 12 characters");
        }
    }
}
