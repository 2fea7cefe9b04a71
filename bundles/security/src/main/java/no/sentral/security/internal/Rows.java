package no.sentral.security.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.Role;
import no.sentral.api.spi.jdbc.Sql;

/** What the security stores share: roles as text arrays, and a unique violation as a conflict. */
final class Rows {

    private Rows() {
    }

    /** An update whose unique violation (SQLSTATE 23505) answers as a conflict with {@code duplicateMessage}. */
    static int update(Connection c, String sql, String duplicateMessage, Object... args) throws SQLException {
        try {
            return Sql.update(c, sql, args);
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw DomainException.conflict(duplicateMessage);
            }
            throw e;
        }
    }

    static String[] roleIds(Set<Role> roles) {
        return roles.stream().map(Role::id).sorted().toArray(String[]::new);
    }

    /** Roles stored as ids; an id this version does not know is left out rather than failing the login. */
    static Set<Role> roles(Array array) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String id : (String[]) array.getArray()) {
            Role.fromId(id).ifPresent(roles::add);
        }
        return roles;
    }

    /** Company logins and tokens carry at least one role, and never the installation's own. */
    static void checkRoles(Set<Role> roles) {
        if (roles.isEmpty()) {
            throw DomainException.invalid("roles", "at least one role is required");
        }
        if (roles.contains(Role.PLATFORM_ADMIN)) {
            throw DomainException.invalid("roles", "platform-admin belongs to the Karaf realm, not to a company");
        }
    }
}
