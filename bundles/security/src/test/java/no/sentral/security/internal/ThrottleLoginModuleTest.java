package no.sentral.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AccountLockedException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.modules.properties.PropertiesLoginModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 §2: the throttle inside a JAAS realm laid out as {@link ThrottledKarafRealm} lays out Karaf's (SSH,
 * broker), around Karaf's real properties module.
 */
class ThrottleLoginModuleTest {

    private final List<Throttle.Lockout> audited = new ArrayList<>();
    private final Throttle throttle = new Throttle(Clock.systemUTC(), Runnable::run, audited::add);
    private Configuration previous;

    @BeforeEach
    void realm(@TempDir Path etc) throws Exception {
        Path users = etc.resolve("users.properties");
        Files.writeString(users, "kari = right-password,admin\n");
        previous = Configuration.getConfiguration();
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return new AppConfigurationEntry[] {
                    throttleStep(ThrottleLoginModule.CHECK, LoginModuleControlFlag.REQUISITE),
                    new AppConfigurationEntry(PropertiesLoginModule.class.getName(), LoginModuleControlFlag.SUFFICIENT,
                            Map.of("users", users.toString())),
                    throttleStep(ThrottleLoginModule.RECORD, LoginModuleControlFlag.OPTIONAL)
                };
            }
        });
    }

    private AppConfigurationEntry throttleStep(String step, LoginModuleControlFlag flag) {
        return new AppConfigurationEntry(ThrottleLoginModule.class.getName(), flag,
                Map.of(ThrottleLoginModule.OPTION_THROTTLE, throttle, ThrottleLoginModule.OPTION_STEP, step));
    }

    @AfterEach
    void restore() {
        Configuration.setConfiguration(previous);
    }

    private void sshLogin(String user, String password) throws LoginException {
        Subject subject = new Subject();
        subject.getPrincipals().add(new ClientPrincipal("ssh", "/192.0.2.44:50022"));
        new LoginContext("karaf", subject, callbacks -> {
            for (var callback : callbacks) {
                if (callback instanceof NameCallback name) {
                    name.setName(user);
                } else if (callback instanceof PasswordCallback secret) {
                    secret.setPassword(password.toCharArray());
                }
            }
        }).login();
    }

    @Test
    void theThrottleNeverLetsAnyoneInByItself() {
        assertThrows(FailedLoginException.class, () -> sshLogin("nobody", "whatever"));
        assertThrows(FailedLoginException.class, () -> sshLogin("kari", "wrong-password"));
    }

    @Test
    void failuresOverSshLockTheAccountWhateverThePasswordAndASuccessForgivesIt() throws Exception {
        sshLogin("kari", "right-password");
        for (int i = 0; i <= Throttle.FREE_PER_ACCOUNT; i++) {
            assertThrows(FailedLoginException.class, () -> sshLogin("kari", "wrong-password"));
        }
        AccountLockedException locked = assertThrows(AccountLockedException.class,
                () -> sshLogin("kari", "right-password"));
        assertTrue(locked.getMessage().contains("try again in 1 s"), locked.getMessage());
        assertEquals(List.of(new Throttle.Lockout("account", "kari", "ssh", 6, audited.get(0).until())), audited);

        Thread.sleep(1_100);
        sshLogin("kari", "right-password");
        assertEquals(0, throttle.retryAfter("kari", null), "forgiven");
    }

    @Test
    void addressesAreReadFromJavasSocketAddresses() {
        assertEquals("192.0.2.44", ThrottleLoginModule.host("/192.0.2.44:50022"));
        assertEquals("0:0:0:0:0:0:0:1", ThrottleLoginModule.host("/[0:0:0:0:0:0:0:1]:50022"));
        assertEquals("192.0.2.44", ThrottleLoginModule.host("host.example/192.0.2.44:1"));
        assertEquals("192.0.2.44", ThrottleLoginModule.host("192.0.2.44"));
    }
}
