package no.sentral.organisation.internal.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import no.sentral.api.organisation.PricePlan;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.spi.jdbc.Transaction;
import no.sentral.api.security.Accounts;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.organisation.internal.domain.AddonRules;
import no.sentral.organisation.internal.domain.Identifiers;
import no.sentral.organisation.internal.io.Importer;
import no.sentral.organisation.internal.io.Importer.Kind;
import no.sentral.organisation.internal.service.Changes;
import no.sentral.organisation.internal.service.CompanyService;
import no.sentral.organisation.internal.service.CompanyService.Agreement;
import no.sentral.organisation.internal.service.CompanyService.CompanyInput;
import no.sentral.organisation.internal.service.ContactService;
import no.sentral.organisation.internal.service.ContactService.ContactInput;
import no.sentral.organisation.internal.service.Scope;
import no.sentral.organisation.internal.store.OrgDatabase;
import no.sentral.api.spi.jdbc.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the demo company (etc/no.sentral.demo.cfg) an organisation once the platform has seeded its
 * logins: an agreement, departments, 50 employees with mobile subscriptions, switchboard lines, spare
 * SIMs, contacts, and phones reported by the network so the equipment overview fills itself. All of it
 * goes through the same import and services as real data, in one transaction: a seeding cut short
 * leaves nothing, and the next start does it again.
 */
@Component(immediate = true, configurationPid = "no.sentral.demo", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OrgDemo.Config.class)
public class OrgDemo {

    @org.osgi.service.metatype.annotations.ObjectClassDefinition(name = "Sentral demo organisation")
    public @interface Config {
        String tenant() default "demo";
    }

    private static final Logger LOG = LoggerFactory.getLogger(OrgDemo.class);
    private static final String[] FIRST = {"Kari", "Ola", "Ingrid", "Lars", "Sofie", "Jonas", "Emma", "Henrik",
        "Nora", "Magnus", "Ida", "Erik", "Thea", "Sander", "Maja", "Kristian", "Sara", "Martin", "Hanna", "Anders",
        "Julie", "Per", "Marte", "Eirik", "Silje"};
    private static final String[] LAST = {"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
        "Kristiansen", "Jensen", "Karlsen"};
    private static final String[] DEPARTMENTS = {"Ledelse", "Salg", "Salg/Nord", "Salg/Sør", "Kundeservice", "Drift",
        "Økonomi", "IT"};
    private static final String[] TITLES = {"Daglig leder", "Selger", "Selger", "Selger", "Kundebehandler",
        "Driftstekniker", "Regnskapsfører", "Utvikler"};
    private static final String[] PHONES = {"iPhone 15", "iPhone 14", "Samsung Galaxy S24", "Google Pixel 8",
        "iPad Air", "Samsung Galaxy Tab S9"};

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "sentral-organisation-demo"));

    @Activate
    public OrgDemo(Config config, @Reference OrgDatabase database, @Reference Changes changes,
                   @Reference CompanyService companies, @Reference ContactService contacts,
                   @Reference Importer importer, @Reference Accounts accounts) {
        // The platform's demo seeding writes its credentials file last; wait for it off the activation thread.
        executor.execute(() -> {
            Path done = Path.of(System.getProperty("karaf.data", "data"), "sentral", "demo-credentials.txt");
            try {
                for (int i = 0; i < 600 && !Files.exists(done); i++) {
                    Thread.sleep(200);
                }
                String tenant = config.tenant();
                if (database.read(c -> Sql.one(c, "SELECT 1 FROM org_company WHERE tenant = ?", rs -> 1, tenant))
                        .isPresent()) {
                    return;
                }
                SentralPrincipal seeder = new SentralPrincipal("demo-seed", tenant, EnumSet.of(Role.COMPANY_ADMIN),
                        Set.of(), false);
                changes.run(seeder, (tx, scope) -> seed(tx, scope, companies, contacts, importer, accounts));
                LOG.info("demo organisation seeded for {}", tenant);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.error("demo organisation could not be seeded: {}", e.getMessage(), e);
            }
        });
    }

    @Deactivate
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    static Void seed(Transaction tx, Scope scope, CompanyService companies, ContactService contacts,
                     Importer importer, Accounts accounts) throws SQLException {
        String tenant = tx.tenant();
        companies.setAgreement(tx, new Agreement(List.of(
                new PricePlan("mobil-1", "Mobil 1 GB", SubscriptionKind.MOBILE, 1, 19_900),
                new PricePlan("mobil-5", "Mobil 5 GB", SubscriptionKind.MOBILE, 5, 34_900),
                new PricePlan("mobil-10", "Mobil 10 GB", SubscriptionKind.MOBILE, 10, 44_900),
                new PricePlan("mobil-30", "Mobil 30 GB", SubscriptionKind.MOBILE, 30, 59_900),
                new PricePlan("fast-sentralbord", "Sentralbordnummer", SubscriptionKind.FIXED, null, 24_900)),
                AddonRules.CODES));
        StringBuilder departments = new StringBuilder("path,costCentre\n");
        for (int i = 0; i < DEPARTMENTS.length; i++) {
            departments.append(DEPARTMENTS[i]).append(',').append(1000 + 100 * i).append('\n');
        }
        importer.apply(tx, scope, Kind.DEPARTMENTS, departments.toString());

        // The platform's demo logins are people too: the first employees carry their usernames.
        List<String> logins = List.of("admin@" + tenant + ".example", "avdeling@" + tenant + ".example",
                "sentralbord@" + tenant + ".example", "ansatt@" + tenant + ".example", "lonn@" + tenant + ".example");
        String[] loginDepartments = {"Ledelse", "Salg", "Kundeservice", "Salg/Nord", "Økonomi"};
        StringBuilder employees = new StringBuilder("department,name,email,mobile,title,language,employeeNumber,"
                + "username\n");
        StringBuilder sims = new StringBuilder("iccid\n");
        StringBuilder subscriptions = new StringBuilder("number,kind,department,employee,pricePlan,iccid,addons,"
                + "directory\n");
        Map<String, String> devices = new LinkedHashMap<>();
        String[] plans = {"mobil-1", "mobil-5", "mobil-10", "mobil-30"};
        for (int i = 0; i < 50; i++) {
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i * 7) % LAST.length];
            int d = i < logins.size() ? List.of(DEPARTMENTS).indexOf(loginDepartments[i]) : i % DEPARTMENTS.length;
            String email = (first + "." + last).toLowerCase().replace('ø', 'o') + (i >= FIRST.length ? i : "")
                    + "@" + tenant + ".example";
            String mobile = String.format("9%07d", 1_000_000 + i * 37);
            employees.append(String.join(",", DEPARTMENTS[d], first + " " + last, email, mobile, TITLES[d],
                    i % 6 == 5 ? "en" : "nb", String.valueOf(1001 + i), i < logins.size() ? logins.get(i) : ""))
                    .append('\n');
            String iccid = iccid(i);
            sims.append(iccid).append('\n');
            String plan = plans[i % plans.length];
            String addons = switch (i % 5) {
                case 0 -> plan.equals("mobil-10") || plan.equals("mobil-30") ? "data-rollover" : "barring:premium-sms";
                case 1 -> "content-limit:50000;barring:premium-numbers";
                case 2 -> "data-control";
                default -> "";
            };
            subscriptions.append(String.join(",", mobile, "mobile", DEPARTMENTS[d], String.valueOf(1001 + i), plan,
                    iccid, addons, i % 3 == 0 ? "listed:name+title+company" : "unlisted")).append('\n');
            if (i % 5 != 4) {
                devices.put(iccid, imei(i));
            }
        }
        for (int i = 0; i < 5; i++) {
            subscriptions.append(String.join(",", String.format("2100%04d", i), "fixed", i == 0 ? "Ledelse"
                    : "Kundeservice", "", "fast-sentralbord", "", "barring:international-calls",
                    i == 0 ? "listed:name+company+address" : "unlisted")).append('\n');
        }
        for (int i = 50; i < 65; i++) {
            sims.append(iccid(i)).append('\n');
        }
        importer.apply(tx, scope, Kind.EMPLOYEES, employees.toString());
        importer.apply(tx, scope, Kind.SIMS, sims.toString());
        importer.apply(tx, scope, Kind.SUBSCRIPTIONS, subscriptions.toString());

        String sales = Sql.one(tx.connection(), "SELECT id FROM org_department WHERE tenant = ? AND name = 'Salg'"
                + " AND parent_id IS NULL", rs -> rs.getString(1), tenant).orElseThrow();
        String departmentAdmin = logins.get(1);
        accounts.find(tenant, departmentAdmin).ifPresent(a -> accounts.grant(tx, a.username(), null, a.roles(),
                Set.of(sales)));
        contacts.create(tx, scope, new ContactInput("Regnskapsbyrået Nord AS", "Regnskapsbyrået Nord AS",
                "22 33 44 55", "post@regnskapnord.example", "Månedlig regnskap"));
        contacts.create(tx, scope, new ContactInput("Ole Vaktmester", "Gårdeier AS", "415 55 123", null,
                "Nøkler og adgangskort"));
        contacts.create(tx, scope, new ContactInput("IT-leverandør support", "Datahjelp AS", "800 12 345",
                "support@datahjelp.example", null));
        companies.put(tx, scope, null, new CompanyInput(tenant.equals("demo") ? "Demo Bedrift AS" : tenant,
                orgNumber(), "Storgata 1", "0155", "Oslo"));

        // Phones the network sees with the new SIMs: the equipment route turns these into the overview.
        List<Map<String, String>> sightings = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String> device : devices.entrySet()) {
            sightings.add(Map.of("iccid", device.getKey(), "imei", device.getValue(),
                    "model", PHONES[n++ % PHONES.length]));
        }
        for (Map<String, String> sighting : sightings) {
            tx.publish(Changes.event("network", "device-seen"), sighting.get("imei"), sighting);
        }
        return null;
    }

    private static String iccid(int i) {
        String body = String.format("894702%012d", 4_000_000L + i);
        return body + Identifiers.luhnDigit(body);
    }

    private static String imei(int i) {
        String body = String.format("35%012d", 640_000_000L + i * 101L);
        return body + Identifiers.luhnDigit(body);
    }

    /** The first number from 991000000 that passes the mod-11 check; it may belong to a real company. */
    static String orgNumber() {
        for (int n = 99_100_000; ; n++) {
            String body = Integer.toString(n);
            for (char d = '0'; d <= '9'; d++) {
                if (Identifiers.orgNumber(body + d).isPresent()) {
                    return body + d;
                }
            }
        }
    }
}
