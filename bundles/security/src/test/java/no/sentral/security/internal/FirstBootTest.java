package no.sentral.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FirstBootTest {

    private static final String OWNER_ONLY = "rw-------";

    @TempDir
    Path etc;

    @Test
    void firstStartCreatesAdminWithRandomPasswordAndSystemAccount() throws IOException {
        String systemPassword = new FirstBoot(etc).ensureAccounts(null);

        Path adminFile = etc.resolve(FirstBoot.ADMIN_PASSWORD_FILE);
        Path systemFile = etc.resolve(FirstBoot.SYSTEM_PASSWORD_FILE);
        Path users = etc.resolve("users.properties");
        for (Path file : List.of(adminFile, systemFile, users)) {
            assertEquals(OWNER_ONLY, permissions(file), file.getFileName().toString());
        }

        String adminPassword = Files.readString(adminFile).strip();
        assertTrue(adminPassword.length() >= 20, "random admin password is long: " + adminPassword);
        assertEquals(systemPassword, Files.readString(systemFile).strip());
        assertTrue(systemPassword.length() >= 20);
        assertNotEquals(adminPassword, systemPassword);

        Properties entries = users(users);
        assertEquals(adminPassword + ",_g_:admingroup", entries.getProperty("admin"));
        assertEquals("group,admin,manager,viewer,systembus,ssh", entries.getProperty("_g_:admingroup"));
        assertEquals(systemPassword + ",manager", entries.getProperty(Installation.SYSTEM_USER));
        assertFalse(entries.containsKey("karaf"), "no default karaf account");
        assertEquals(3, entries.size(), entries.toString());
        assertNoTemporaryFilesLeft();
    }

    @Test
    void randomPasswordsDifferBetweenInstallations(@TempDir Path otherEtc) throws IOException {
        String first = new FirstBoot(etc).ensureAccounts(null);
        String second = new FirstBoot(otherEtc).ensureAccounts(null);
        assertNotEquals(first, second);
        assertNotEquals(Files.readString(etc.resolve(FirstBoot.ADMIN_PASSWORD_FILE)),
                Files.readString(otherEtc.resolve(FirstBoot.ADMIN_PASSWORD_FILE)));
    }

    @Test
    void secondStartChangesNothing() throws IOException {
        String systemPassword = new FirstBoot(etc).ensureAccounts(null);
        String users = Files.readString(etc.resolve("users.properties"));
        String admin = Files.readString(etc.resolve(FirstBoot.ADMIN_PASSWORD_FILE));

        // Even an operator setting the environment variable later does not change the existing admin.
        assertEquals(systemPassword, new FirstBoot(etc).ensureAccounts("a-new-password-from-env"));

        assertEquals(users, Files.readString(etc.resolve("users.properties")));
        assertEquals(admin, Files.readString(etc.resolve(FirstBoot.ADMIN_PASSWORD_FILE)));
        assertEquals(systemPassword, Files.readString(etc.resolve(FirstBoot.SYSTEM_PASSWORD_FILE)).strip());
    }

    @Test
    void adminPasswordFromEnvironmentIsUsedAndNotWrittenToAFile() throws IOException {
        String fromEnv = "correct horse battery staple";
        new FirstBoot(etc).ensureAccounts(fromEnv);

        assertFalse(Files.exists(etc.resolve(FirstBoot.ADMIN_PASSWORD_FILE)));
        assertEquals(fromEnv + ",_g_:admingroup", users(etc.resolve("users.properties")).getProperty("admin"));
        assertTrue(Files.exists(etc.resolve(FirstBoot.SYSTEM_PASSWORD_FILE)));
    }

    @Test
    void backslashInEnvironmentPasswordSurvivesThePropertiesFormat() throws IOException {
        String fromEnv = "C:\\temp\\n=x:y#z!";
        new FirstBoot(etc).ensureAccounts(fromEnv);
        assertEquals(fromEnv + ",_g_:admingroup", users(etc.resolve("users.properties")).getProperty("admin"));
    }

    @Test
    void blankEnvironmentPasswordMeansRandom() throws IOException {
        new FirstBoot(etc).ensureAccounts("   ");
        String random = Files.readString(etc.resolve(FirstBoot.ADMIN_PASSWORD_FILE)).strip();
        assertEquals(random + ",_g_:admingroup", users(etc.resolve("users.properties")).getProperty("admin"));
    }

    @Test
    void unusableEnvironmentPasswordsAreRefusedBeforeAnythingIsWritten() throws IOException {
        for (String bad : List.of("short", "elevenchars", "has,a-comma-inside", " leading-space-password",
                "trailing-space-password ")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new FirstBoot(etc).ensureAccounts(bad), bad);
            assertTrue(e.getMessage().contains(FirstBoot.ADMIN_PASSWORD_ENV), e.getMessage());
            assertFalse(e.getMessage().contains(bad.strip()), "the password is not echoed: " + e.getMessage());
        }
        try (Stream<Path> files = Files.list(etc)) {
            assertEquals(List.of(), files.toList());
        }
        // Exactly the minimum length is fine.
        new FirstBoot(etc).ensureAccounts("twelve-chars");
        assertEquals("twelve-chars,_g_:admingroup", users(etc.resolve("users.properties")).getProperty("admin"));
    }

    @Test
    void existingUsersAndCommentsAreKept() throws IOException {
        Path users = etc.resolve("users.properties");
        String existing = "# operator's notes\nalice = alice-password-123,viewer\nbob=bob-password-1234,manager";
        Files.writeString(users, existing); // no trailing newline on purpose

        String systemPassword = new FirstBoot(etc).ensureAccounts(null);

        String text = Files.readString(users);
        assertTrue(text.startsWith(existing + "\n"), text);
        Properties entries = users(users);
        assertEquals("alice-password-123,viewer", entries.getProperty("alice"));
        assertEquals("bob-password-1234,manager", entries.getProperty("bob"));
        assertEquals(systemPassword + ",manager", entries.getProperty(Installation.SYSTEM_USER));
        assertTrue(entries.getProperty("admin").endsWith(",_g_:admingroup"));
        assertEquals(OWNER_ONLY, permissions(users));
    }

    @Test
    void anExistingAdminIsNotReplaced() throws IOException {
        Path users = etc.resolve("users.properties");
        Files.writeString(users, "admin = chosen-by-operator,_g_:admingroup\n"
                + "_g_\\:admingroup = group,admin,manager,viewer,systembus,ssh\n");

        new FirstBoot(etc).ensureAccounts(null);

        assertFalse(Files.exists(etc.resolve(FirstBoot.ADMIN_PASSWORD_FILE)));
        Properties entries = users(users);
        assertEquals("chosen-by-operator,_g_:admingroup", entries.getProperty("admin"));
        assertTrue(entries.containsKey(Installation.SYSTEM_USER));
    }

    @Test
    void lostSystemPasswordFileRenewsTheSystemAccountWithoutDuplicatingIt() throws IOException {
        String old = new FirstBoot(etc).ensureAccounts(null);
        Files.delete(etc.resolve(FirstBoot.SYSTEM_PASSWORD_FILE));

        String renewed = new FirstBoot(etc).ensureAccounts(null);

        assertNotEquals(old, renewed);
        assertEquals(renewed, Files.readString(etc.resolve(FirstBoot.SYSTEM_PASSWORD_FILE)).strip());
        String text = Files.readString(etc.resolve("users.properties"));
        assertEquals(1, text.lines().filter(l -> l.startsWith(Installation.SYSTEM_USER)).count(), text);
        assertFalse(text.contains(old), text);
        assertEquals(renewed + ",manager", users(etc.resolve("users.properties")).getProperty(Installation.SYSTEM_USER));
        assertEquals(OWNER_ONLY, permissions(etc.resolve(FirstBoot.SYSTEM_PASSWORD_FILE)));
    }

    private void assertNoTemporaryFilesLeft() throws IOException {
        try (Stream<Path> files = Files.list(etc)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList());
        }
    }

    private static Properties users(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file)));
        return p;
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
