package no.sentral.security.internal;

import java.io.IOException;
import java.nio.file.Path;
import no.sentral.api.security.SystemAccount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link FirstBoot} when Sentral starts and knows the system account's password; makes the
 * admin's {@link AdminShellKey} meanwhile, on a thread of its own (an RSA key takes a second of CPU,
 * which the rest of the boot need not wait for).
 */
@Component(service = SystemAccount.class, immediate = true)
public class Installation implements SystemAccount {

    public static final String SYSTEM_USER = "sentral-system";

    private static final Logger LOG = LoggerFactory.getLogger(Installation.class);

    private final String systemPassword;

    @Activate
    public Installation() throws IOException {
        Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
        systemPassword = new FirstBoot(etc).ensureAccounts(System.getenv(FirstBoot.ADMIN_PASSWORD_ENV));
        Thread key = new Thread(() -> {
            try {
                if (new AdminShellKey(etc).ensure()) {
                    LOG.info("made the admin's shell key: {} (public half in {})", etc.resolve(AdminShellKey.KEY_FILE),
                            etc.resolve(AdminShellKey.KEYS_FILE));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("no shell key for the admin (log in with the password): {}", e.toString());
            }
        }, "sentral-admin-key");
        key.setDaemon(true);
        key.start();
    }

    @Override
    public String username() {
        return SYSTEM_USER;
    }

    @Override
    public String password() {
        return systemPassword;
    }
}
