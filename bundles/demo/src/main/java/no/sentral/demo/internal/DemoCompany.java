package no.sentral.demo.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import no.sentral.api.audit.AuditLog;
import no.sentral.api.organisation.Agreements;
import no.sentral.api.security.Accounts;
import no.sentral.api.security.ApiTokens;
import no.sentral.api.security.Role;
import no.sentral.api.security.Secrets;
import no.sentral.api.security.Tenants;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a demo company when {@code etc/no.sentral.demo.cfg} exists (the README's start command
 * writes it). First the tenant, one login per role and an API token, with the credentials written to
 * {@code data/sentral/demo-credentials.txt} (mode 0600); then, off the activation thread, its agreement,
 * its organisation and its switchboard through the public REST API with that token, and the call
 * simulator on its numbers. {@code data/sentral/demo-seeded} marks a finished seeding; one cut short is
 * resumed at the next start, each step looking first whether it was done.
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
    private static final Duration PATIENCE = Duration.ofMinutes(5);

    private final ExecutorService seeder = Executors.newSingleThreadExecutor(r -> new Thread(r, "sentral-demo"));

    @Activate
    public DemoCompany(Config config, @Reference Tenants tenants, @Reference Accounts accounts,
                       @Reference ApiTokens tokens, @Reference AuditLog audit, @Reference Agreements agreements,
                       @Reference ConfigurationAdmin configAdmin) throws IOException {
        Path data = Path.of(System.getProperty("karaf.data", "data"), "sentral");
        if (Files.exists(data.resolve("demo-seeded"))) {
            return;
        }
        String token = logins(config, data.resolve("demo-credentials.txt"), tenants, accounts, tokens, audit);
        seeder.execute(() -> {
            String tenant = config.tenant();
            try {
                DemoOrganisation organisation = new DemoOrganisation(tenant, config.name());
                organisation.agreement(agreements);
                Api api = new Api(restBase(configAdmin), token, PATIENCE);
                api.awaitPaths(DemoOrganisation.PATHS);
                organisation.seed(api);
                LOG.info("demo organisation seeded for {}", tenant);
                api.awaitPaths(DemoSwitchboard.PATHS);
                new DemoSwitchboard(api).seed(tenant);
                simulate(tenant, configAdmin);
                Files.writeString(data.resolve("demo-seeded"), "seeded\n");
                LOG.info("demo switchboard seeded for {}", tenant);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                LOG.error("the demo company {} could not be seeded (the next start tries again): {}", tenant,
                        e.getMessage(), e);
            }
        });
    }

    @Deactivate
    void stop() throws InterruptedException {
        seeder.shutdownNow();
        seeder.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * The tenant, its logins and API token; returns the token. The credentials file is written last, so it
     * marks finished logins: logins cut short (a killed first boot) are made again, passwords reset.
     */
    private static String logins(Config config, Path file, Tenants tenants, Accounts accounts, ApiTokens tokens,
                                 AuditLog audit) throws IOException {
        if (Files.exists(file)) {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith("token ")).map(l -> l.substring(6))
                    .findFirst().orElseThrow(() -> new IOException(file + " has no token line"));
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
                // The department admin's departments are granted once the organisation has them.
                accounts.create(tenant, person.getKey(), password, person.getValue(), Set.of());
            }
            credentials.append(person.getKey()).append(' ').append(password).append(' ')
                    .append(person.getValue()).append('\n');
        }
        String token = tokens.create(tenant, "demo-integration", EnumSet.of(Role.COMPANY_ADMIN)).token();
        credentials.append("token ").append(token).append('\n');
        Files.createDirectories(file.getParent());
        Secrets.writeOwnerOnly(file, credentials.toString());
        LOG.info("demo company {} has its logins; credentials in {}", tenant, file);
        return token;
    }

    /** This installation's REST API, where Pax Web listens. */
    private static URI restBase(ConfigurationAdmin configAdmin) throws IOException {
        Dictionary<String, Object> web = configAdmin.getConfiguration("org.ops4j.pax.web", "?").getProperties();
        Object port = web == null ? null : web.get("org.osgi.service.http.port");
        Object addresses = web == null ? null : web.get("org.ops4j.pax.web.listening.addresses");
        String host = addresses == null ? "127.0.0.1" : addresses.toString().split(",")[0].strip();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        }
        return URI.create("http://" + host + ":" + (port == null ? "8181" : port.toString().strip()) + "/api/v1");
    }

    /** Starts the call simulator on the demo's two numbers, unless someone configured it already. */
    private static void simulate(String tenant, ConfigurationAdmin configAdmin) throws IOException {
        Configuration c = configAdmin.getConfiguration("no.sentral.simulator", "?");
        if (c.getProperties() == null) {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("companies", new String[] {tenant + "=" + DemoSwitchboard.MAIN + "," + DemoSwitchboard.SERVICE_LINE});
            p.put("callsPerHour", 360.0);
            c.update(p);
        }
    }
}
