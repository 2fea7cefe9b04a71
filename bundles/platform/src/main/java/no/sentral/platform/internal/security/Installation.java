package no.sentral.platform.internal.security;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** Runs {@link FirstBoot} when Sentral starts and knows the system account's password. */
@Component(service = Installation.class, immediate = true)
public class Installation {

    public static final String SYSTEM_USER = "sentral-system";

    private final String systemPassword;

    @Activate
    public Installation() throws IOException {
        Path etc = Path.of(System.getProperty("karaf.etc", "etc"));
        systemPassword = new FirstBoot(etc).ensureAccounts(System.getenv(FirstBoot.ADMIN_PASSWORD_ENV));
    }

    public String systemPassword() {
        return systemPassword;
    }
}
