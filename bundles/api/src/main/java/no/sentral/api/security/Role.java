package no.sentral.api.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import no.sentral.api.failure.DomainException;

/** The roles of Sentral. The id is the JAAS role name and the value used in configuration. */
public enum Role {
    /** Everything inside one company. */
    COMPANY_ADMIN(Names.COMPANY_ADMIN),
    /** Administration limited to some departments of one company. */
    DEPARTMENT_ADMIN(Names.DEPARTMENT_ADMIN),
    SWITCHBOARD_OPERATOR(Names.SWITCHBOARD_OPERATOR),
    EMPLOYEE(Names.EMPLOYEE),
    PAYROLL(Names.PAYROLL),
    /** Runs the installation (Karaf admin); belongs to no company. */
    PLATFORM_ADMIN(Names.PLATFORM_ADMIN);

    /** The role names as constants, for annotations such as {@code @RolesAllowed}. */
    public static final class Names {
        public static final String COMPANY_ADMIN = "company-admin";
        public static final String DEPARTMENT_ADMIN = "department-admin";
        public static final String SWITCHBOARD_OPERATOR = "switchboard-operator";
        public static final String EMPLOYEE = "employee";
        public static final String PAYROLL = "payroll";
        public static final String PLATFORM_ADMIN = "platform-admin";

        private Names() {
        }
    }

    private final String id;

    Role(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Role> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** Parses "company-admin,employee" into roles, refusing unknown names. */
    public static Set<Role> parse(String commaSeparated) {
        return parse(List.of(commaSeparated.split(",")));
    }

    /** Parses role names, refusing unknown ones (an invalid {@code roles} field). */
    public static Set<Role> parse(List<String> ids) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String id : ids) {
            String name = id == null ? "" : id.strip();
            roles.add(fromId(name).orElseThrow(() -> DomainException.invalid("roles", "unknown role '"
                    + name + "'; roles: " + Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", ")))));
        }
        return roles;
    }
}
