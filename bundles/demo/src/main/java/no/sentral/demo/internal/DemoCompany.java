package no.sentral.demo.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import no.sentral.api.audit.AuditLog;
import no.sentral.api.security.Role;
import no.sentral.api.security.Accounts;
import no.sentral.api.security.ApiTokens;
import no.sentral.api.security.Tenants;
import no.sentral.api.security.Secrets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a demo company when {@code etc/no.sentral.demo.cfg} exists (the README's start command
 * writes it): the tenant, one login per role and an API token, with the credentials written to
 * {@code data/sentral/demo-credentials.txt} (mode 0600). Runs once; later starts find the tenant.
 */
@Component(immediate = true, configurationPid = "no.sentral.demo", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DemoCompany.Config.class)
public class DemoCompany {

    @ObjectClassDefinition(name = "Sentral demo company")
    public @interface Config {
        @AttributeDefinition(description = "Tenant id of the demo company")
        String tenant() default "demo";

        @AttributeDefinition(description = "Its name")
        String name() default "Demo Bedrift AS";
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoCompany.class);

    @Activate
    public DemoCompany(Config config, @Reference Tenants tenants, @Reference Accounts accounts,
                       @Reference ApiTokens tokens, @Reference AuditLog audit)
            throws IOException {
        // The credentials file is written last, so it marks a finished seeding; a seeding cut short
        // (a killed first boot) is done again: passwords of accounts already there are reset.
        Path file = Path.of(System.getProperty("karaf.data", "data"), "sentral", "demo-credentials.txt");
        if (Files.exists(file)) {
            return;
        }
        String tenant = config.tenant();
        if (tenants.find(tenant).isEmpty()) {
            tenants.create(tenant, config.name());
            audit.append(tenant, "demo-seed", "tenant", tenant, "created", null, null);
        }
        Map<String, Set<Role>> people = new LinkedHashMap<>();
        people.put("admin@" + tenant + ".example", EnumSet.of(Role.COMPANY_ADMIN));
        people.put("avdeling@" + tenant + ".example", EnumSet.of(Role.DEPARTMENT_ADMIN));
        people.put("sentralbord@" + tenant + ".example", EnumSet.of(Role.SWITCHBOARD_OPERATOR, Role.EMPLOYEE));
        people.put("ansatt@" + tenant + ".example", EnumSet.of(Role.EMPLOYEE));
        people.put("lonn@" + tenant + ".example", EnumSet.of(Role.PAYROLL));
        StringBuilder credentials = new StringBuilder("# Demo company " + config.name() + " (tenant "
                + tenant + "): REST logins and an API token\n");
        for (Map.Entry<String, Set<Role>> person : people.entrySet()) {
            String password = Secrets.random(12);
            if (!accounts.resetPassword(tenant, person.getKey(), password)) {
                accounts.create(tenant, person.getKey(), password, person.getValue(),
                        person.getValue().contains(Role.DEPARTMENT_ADMIN) ? Set.of("salg") : Set.of());
            }
            credentials.append(person.getKey()).append(' ').append(password).append(' ')
                    .append(person.getValue()).append('\n');
        }
        String token = tokens.create(tenant, "demo-integration", EnumSet.of(Role.COMPANY_ADMIN)).token();
        credentials.append("token ").append(token).append('\n');
        Files.createDirectories(file.getParent());
        Secrets.writeOwnerOnly(file, credentials.toString());
        LOG.info("demo company {} seeded; credentials in {}", tenant, file);
    }
}
