package no.sentral.security.internal;

import java.io.IOException;
import java.nio.file.Path;
import no.sentral.api.security.SystemAccount;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Runs {@link FirstBoot} when Sentral starts and knows the system account's password. */
@Component(service = SystemAccount.class, immediate = true)
public class Installation implements SystemAccount {

    public static final String SYSTEM_USER = "sentral-system";

    private final String systemPassword;

    @Activate
    public Installation() throws IOException {
        Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
        systemPassword = new FirstBoot(etc).ensureAccounts(System.getenv(FirstBoot.ADMIN_PASSWORD_ENV));
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
