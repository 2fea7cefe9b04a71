package no.sentral.api.security;

import java.util.Arrays;
import java.util.Optional;

/** The roles of Sentral. The id is the JAAS role name and the value used in configuration. */
public enum Role {
    /** Everything inside one company. */
    COMPANY_ADMIN("company-admin"),
    /** Administration limited to some departments of one company. */
    DEPARTMENT_ADMIN("department-admin"),
    SWITCHBOARD_OPERATOR("switchboard-operator"),
    EMPLOYEE("employee"),
    PAYROLL("payroll"),
    /** Runs the installation (Karaf admin); belongs to no company. */
    PLATFORM_ADMIN("platform-admin");

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
}
