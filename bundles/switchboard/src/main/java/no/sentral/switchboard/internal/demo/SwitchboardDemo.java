package no.sentral.switchboard.internal.demo;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import no.sentral.api.organisation.Department;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.Organisation;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.switchboard.internal.config.Destination;
import no.sentral.switchboard.internal.config.Destination.Type;
import no.sentral.switchboard.internal.config.GroupConfig;
import no.sentral.switchboard.internal.config.Kind;
import no.sentral.switchboard.internal.config.MenuConfig;
import no.sentral.switchboard.internal.config.NumberEntry;
import no.sentral.switchboard.internal.config.QueueConfig;
import no.sentral.switchboard.internal.config.Strategy;
import no.sentral.switchboard.internal.config.TimeSwitch;
import no.sentral.switchboard.internal.config.UserSettings;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import no.sentral.switchboard.internal.schedule.DatedException;
import no.sentral.switchboard.internal.schedule.Schedule;
import no.sentral.switchboard.internal.schedule.WeeklyRule;
import no.sentral.switchboard.internal.service.ConfigService;
import no.sentral.switchboard.internal.store.Json;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the demo company (etc/no.sentral.demo.cfg) a switchboard once its organisation is seeded: the
 * main number to a menu of three queues and the management's answer group, a customer-service line
 * that follows office hours with Norwegian holidays, extensions, a conference room, agents logged in,
 * and the call simulator calling both numbers so that the queues are alive from the first minute.
 * Everything goes through the same validated set-up service as an admin's changes.
 */
@Component(immediate = true, configurationPid = "no.sentral.demo", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SwitchboardDemo.Config.class)
public class SwitchboardDemo {

    @org.osgi.service.metatype.annotations.ObjectClassDefinition(name = "Sentral demo switchboard")
    public @interface Config {
        String tenant() default "demo";
    }

    static final String MAIN = "+4721000000";
    static final String SERVICE_LINE = "+4721000001";
    static final String CONFERENCE = "+4721000004";
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardDemo.class);

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "sentral-switchboard-demo"));

    @Activate
    public SwitchboardDemo(Config config, @Reference Organisation organisation, @Reference ConfigService configs,
                           @Reference SwitchboardHost host, @Reference ConfigurationAdmin configAdmin) {
        executor.execute(() -> {
            String tenant = config.tenant();
            try {
                List<Employee> employees = List.of();
                // The organisation demo seeds in the background; wait for its employees.
                for (int i = 0; i < 900 && employees.size() < 50; i++) {
                    Thread.sleep(200);
                    employees = organisation.employees(tenant);
                }
                if (employees.size() < 50) {
                    LOG.warn("demo switchboard not seeded: the demo organisation of {} is not there", tenant);
                    return;
                }
                if (configs.tenants().contains(tenant)) {
                    return;
                }
                seed(tenant, employees, organisation.departments(tenant), configs, host);
                simulate(tenant, configAdmin);
                LOG.info("demo switchboard seeded for {}", tenant);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | IOException e) {
                LOG.error("demo switchboard could not be seeded: {}", e.getMessage(), e);
            }
        });
    }

    @Deactivate
    void stop() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static void seed(String tenant, List<Employee> employees, List<Department> departments,
                             ConfigService configs, SwitchboardHost host) {
        SentralPrincipal admin = new SentralPrincipal("demo-seed", tenant, EnumSet.of(Role.COMPANY_ADMIN), Set.of(), false);
        Map<String, String> departmentNames = new LinkedHashMap<>();
        departments.forEach(d -> departmentNames.put(d.id(), d.name()));
        Map<String, List<String>> byDepartment = new LinkedHashMap<>();
        employees.forEach(e -> byDepartment.computeIfAbsent(departmentNames.get(e.departmentId()), d -> new ArrayList<>())
                .add(e.id()));
        String operator = employees.stream().filter(e -> e.username() != null && e.username().startsWith("sentralbord@"))
                .findFirst().orElse(employees.get(0)).id();
        String boss = employees.stream().filter(e -> e.username() != null && e.username().startsWith("admin@"))
                .findFirst().orElse(employees.get(0)).id();

        put(configs, admin, Kind.USER, boss, new UserSettings(boss, 25, Map.of(), "2024", List.of()));
        int year = Year.now().getValue();
        put(configs, admin, Kind.SCHEDULE, "kontortid", new Schedule("kontortid", "Kontortid", null,
                List.of(new WeeklyRule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0),
                        LocalTime.of(16, 0))), true,
                List.of(new DatedException(LocalDate.of(year, 12, 24), LocalTime.of(8, 0), LocalTime.of(12, 0), "Julaften"),
                        new DatedException(LocalDate.of(year, 12, 31), LocalTime.of(8, 0), LocalTime.of(12, 0), "Nyttårsaften")),
                null));
        Destination reception = Destination.of(Type.VOICEMAIL, operator);
        put(configs, admin, Kind.QUEUE, "sentralbord", new QueueConfig("sentralbord", "Sentralbord", Strategy.RING_ALL,
                20, 5, 300, 20, reception, 20, 30, 90, 120, 60, '1'));
        put(configs, admin, Kind.QUEUE, "salg", new QueueConfig("salg", "Salg", Strategy.RR_MEMORY, 15, 10, 600, 30,
                Destination.of(Type.QUEUE, "sentralbord"), 20, 30, 90, 180, 45, '1'));
        put(configs, admin, Kind.QUEUE, "kundeservice", new QueueConfig("kundeservice", "Kundeservice",
                Strategy.LEAST_RECENT, 15, 15, 600, 30, Destination.of(Type.QUEUE, "sentralbord"), 30, 45, 120, 180, 45, '1'));
        List<GroupConfig.Member> management = byDepartment.getOrDefault("Ledelse", List.of(boss)).stream()
                .map(id -> new GroupConfig.Member(id, 0, 0)).toList();
        put(configs, admin, Kind.GROUP, "ledelse", new GroupConfig("ledelse", "Ledelsen", Strategy.LINEAR, management,
                15, 45, Destination.of(Type.QUEUE, "sentralbord")));
        put(configs, admin, Kind.MENU, "hovedmeny", new MenuConfig("hovedmeny", "Hovedmeny", "prompt-hovedmeny",
                Map.of("1", Destination.of(Type.QUEUE, "salg"), "2", Destination.of(Type.QUEUE, "kundeservice"),
                        "3", Destination.of(Type.GROUP, "ledelse"), "0", Destination.of(Type.QUEUE, "sentralbord")),
                6, null, 3, Destination.of(Type.QUEUE, "sentralbord")));
        put(configs, admin, Kind.SWITCH, "kundeservice-tid", new TimeSwitch("kundeservice-tid", "Kundeservice i kontortid",
                "kontortid", Destination.of(Type.QUEUE, "kundeservice"), reception, null));
        put(configs, admin, Kind.NUMBER, MAIN, new NumberEntry(MAIN, Destination.of(Type.MENU, "hovedmeny"), true));
        put(configs, admin, Kind.NUMBER, SERVICE_LINE, new NumberEntry(SERVICE_LINE,
                Destination.of(Type.SWITCH, "kundeservice-tid"), false));
        put(configs, admin, Kind.NUMBER, CONFERENCE, new NumberEntry(CONFERENCE, Destination.of(Type.CONFERENCE, boss), false));
        put(configs, admin, Kind.NUMBER, "100", new NumberEntry("100", Destination.of(Type.QUEUE, "sentralbord"), false));
        for (int i = 0; i < Math.min(20, employees.size()); i++) {
            String ext = String.valueOf(201 + i);
            put(configs, admin, Kind.NUMBER, ext, new NumberEntry(ext, Destination.of(Type.USER, employees.get(i).id()), false));
        }
        host.reload(tenant);
        login(host, tenant, operator, "sentralbord");
        login(host, tenant, operator, "kundeservice");
        for (String d : List.of("Salg", "Salg/Nord", "Salg/Sør")) {
            byDepartment.getOrDefault(d, List.of()).forEach(id -> login(host, tenant, id, "salg"));
        }
        byDepartment.getOrDefault("Kundeservice", List.of()).forEach(id -> login(host, tenant, id, "kundeservice"));
        byDepartment.getOrDefault("Drift", List.of()).forEach(id -> login(host, tenant, id, "sentralbord"));
    }

    private static void put(ConfigService configs, SentralPrincipal admin, Kind kind, String id, Object value) {
        configs.put(admin, kind, id, Json.MAPPER.valueToTree(value), null);
    }

    private static void login(SwitchboardHost host, String tenant, String user, String queue) {
        host.ask(tenant, e -> {
            e.login(tenant, queue, user);
            return null;
        });
        host.saveAgent(tenant, user, "demo-seed");
    }

    /** Starts the call simulator on the demo's two numbers, unless someone configured it already. */
    private static void simulate(String tenant, ConfigurationAdmin configAdmin) throws IOException {
        Configuration c = configAdmin.getConfiguration("no.sentral.simulator", "?");
        if (c.getProperties() == null) {
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("companies", new String[] {tenant + "=" + MAIN + "," + SERVICE_LINE});
            p.put("callsPerHour", 360.0);
            c.update(p);
        }
    }
}
