package no.sentral.api.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import no.sentral.api.spi.jdbc.Transaction;

/**
 * The logins of one company (LINK-06): who may use Sentral, with which roles and, for department
 * admins, which departments. Changes join the caller's {@link Transaction}, so the grant and its
 * audit entry commit together.
 */
public interface Accounts {

    /** A login; the password never leaves the store. */
    record Account(String username, Set<Role> roles, Set<String> departments, boolean disabled) {
    }

    List<Account> list(String tenant);

    /**
     * Creates a login outside any other change (set-up, shell, demo): username 3-254 letters, digits
     * or {@code . _ @ + -}, password of at least 12 characters, at least one role. A taken username is
     * a conflict.
     */
    void create(String tenant, String username, String password, Set<Role> roles, Set<String> departments);

    /** Sets a new password for a login of {@code tenant}; false when the company has no such login. */
    boolean resetPassword(String tenant, String username, String password);

    Optional<Account> find(String tenant, String username);

    /**
     * Creates the login or changes its roles and departments. A new login needs a password (at
     * least 12 characters); for an existing one a non-null password replaces the old one.
     * A username taken by another company is a conflict.
     */
    Account grant(Transaction tx, String username, String password, Set<Role> roles, Set<String> departments);

    /**
     * Where logins administer department {@code from}, they administer {@code to} instead (a merge);
     * nothing else about them changes. Returns the logins as they were before, by username.
     */
    List<Account> replaceDepartment(Transaction tx, String from, String to);

    /** Disables the login (it is kept for the audit trail); false if the company has no such login. */
    boolean disable(Transaction tx, String username);
}
