package no.sentral.security.internal;

import no.sentral.api.security.Secrets;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Makes sure the Karaf realm has no default password. On the first start it creates the
 * {@code admin} account (password from {@code SENTRAL_ADMIN_PASSWORD}, or random and written to
 * {@code etc/admin.password}, mode 0600) and the {@code sentral-system} account the platform
 * uses to reach the broker. SSH, JMX, the web console and the REST API all log in against it.
 */
public final class FirstBoot {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD_ENV = "SENTRAL_ADMIN_PASSWORD";
    static final String ADMIN_PASSWORD_FILE = "admin.password";
    static final String SYSTEM_PASSWORD_FILE = "sentral-system.password";
    private static final int MIN_PASSWORD_LENGTH = 12;

    private final Path etc;

    public FirstBoot(Path etc) {
        this.etc = etc;
    }

    /**
     * Creates what is missing and returns the system account's password.
     *
     * @param adminPassword the operator's choice (environment), or null for a random one
     */
    public String ensureAccounts(String adminPassword) throws IOException {
        Path users = etc.resolve("users.properties");
        String text = Files.exists(users) ? Files.readString(users) : "";
        Properties entries = new Properties();
        entries.load(new StringReader(text));
        StringBuilder added = new StringBuilder();
        if (!entries.containsKey(ADMIN)) {
            String password = adminPassword;
            if (password == null || password.isBlank()) {
                password = Secrets.random(18);
                Secrets.writeOwnerOnly(etc.resolve(ADMIN_PASSWORD_FILE), password + "\n");
            } else if (password.length() < MIN_PASSWORD_LENGTH || password.contains(",")
                    || !password.equals(password.strip())) {
                // Karaf splits the entry on ',' to find the roles, so a comma cannot be part of it.
                throw new IllegalArgumentException(ADMIN_PASSWORD_ENV + " must have at least "
                        + MIN_PASSWORD_LENGTH + " characters, no commas and no surrounding spaces");
            }
            added.append(ADMIN).append(" = ").append(escape(password)).append(",_g_:admingroup\n");
        }
        if (!entries.containsKey("_g_:admingroup")) {
            added.append("_g_\\:admingroup = group,admin,manager,viewer,systembus,ssh\n");
        }
        Path systemFile = etc.resolve(SYSTEM_PASSWORD_FILE);
        String systemPassword;
        if (!entries.containsKey(Installation.SYSTEM_USER) || !Files.exists(systemFile)) {
            systemPassword = Secrets.random(24);
            Secrets.writeOwnerOnly(systemFile, systemPassword + "\n");
            text = withoutEntry(text, Installation.SYSTEM_USER);
            // The platform's broker account: may use the broker ("manager"), may not log in to SSH or the console.
            added.append(Installation.SYSTEM_USER).append(" = ").append(systemPassword).append(",manager\n");
        } else {
            systemPassword = Files.readString(systemFile).strip();
        }
        if (added.length() > 0) {
            String header = text.isBlank()
                    ? "# Karaf realm accounts. Created on the first start: there is no default password.\n"
                    + "# Only the owner may read this file (mode 0600).\n"
                    : "";
            Secrets.writeOwnerOnly(users, header + text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + added);
        }
        return systemPassword;
    }

    /** The text of a properties file without the entry of {@code key}. */
    static String withoutEntry(String text, String key) {
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.strip().startsWith(key + " ") && !line.strip().startsWith(key + "=")) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString().replaceAll("\n+$", "\n");
    }

    /** users.properties is a properties file: a backslash in a password must be doubled. */
    private static String escape(String password) {
        return password.replace("\\", "\\\\");
    }
}
