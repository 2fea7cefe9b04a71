package no.sentral.switchboard.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.sentral.api.event.EventAddress;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.Organisation;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.spi.jdbc.Transactions;
import no.sentral.api.failure.FieldError;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.switchboard.internal.config.ConfigValidator;
import no.sentral.switchboard.internal.config.GroupConfig;
import no.sentral.switchboard.internal.config.Kind;
import no.sentral.switchboard.internal.config.MenuConfig;
import no.sentral.switchboard.internal.config.NumberEntry;
import no.sentral.switchboard.internal.config.QueueConfig;
import no.sentral.switchboard.internal.config.SetUp;
import no.sentral.switchboard.internal.config.SwitchboardConfig;
import no.sentral.switchboard.internal.config.TimeSwitch;
import no.sentral.switchboard.internal.config.UserConfig;
import no.sentral.switchboard.internal.config.UserSettings;
import no.sentral.switchboard.internal.schedule.Schedule;
import no.sentral.switchboard.internal.store.CallbackStore;
import no.sentral.switchboard.internal.store.ConfigStore;
import no.sentral.switchboard.internal.store.ConfigStore.Company;
import no.sentral.switchboard.internal.store.ConfigStore.Row;
import no.sentral.switchboard.internal.store.Json;
import no.sentral.switchboard.internal.store.SwitchboardDatabase;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A company's switchboard set-up: read, changed one document at a time, and put together with the
 * organisation's employees into the {@link SwitchboardConfig} the engine runs. Every change is checked
 * against the whole set-up it makes (references, loops, overlapping hours) before it is saved, under a
 * per-company lock, and is audited and announced as {@code sentral.switchboard.configured}.
 */
@Component(service = ConfigService.class)
public class ConfigService {

    static final EventAddress CONFIGURED = new EventAddress("switchboard", "configured");

    /** A stored document as the API shows it. */
    public record Stored(String id, Object body, int version) {
    }

    private final SwitchboardDatabase db;
    private final Transactions transactions;
    private final Organisation organisation;
    private final CallbackStore callbacks;

    @Activate
    public ConfigService(@Reference SwitchboardDatabase db, @Reference Transactions transactions,
                         @Reference Organisation organisation, @Reference CallbackStore callbacks) {
        this.db = db;
        this.transactions = transactions;
        this.organisation = organisation;
        this.callbacks = callbacks;
    }

    public List<String> tenants() {
        return db.run(ConfigStore::tenants);
    }

    /** The company's people as the organisation has them now: employees, and the subscriptions with barring. */
    private record People(List<Employee> employees, List<Subscription> barred) {
    }

    /** Only the subscriptions with barring: a company of 100,000 would otherwise be read twice per reload. */
    private People people(String tenant) {
        return new People(organisation.employees(tenant), organisation.subscriptionsWith(tenant, "barring"));
    }

    /**
     * The set-up the engine runs for a company: its documents and its employees with their barring. The
     * organisation is read before a connection is taken here: it takes one of its own from the same pool,
     * and a thread holding one connection while waiting for another can starve the pool (issue 11 §3).
     */
    public SwitchboardConfig assemble(String tenant) {
        People people = people(tenant);
        return db.run(c -> assemble(ConfigStore.rows(c, tenant), ConfigStore.company(c, tenant).companySwitch(),
                people));
    }

    private static SwitchboardConfig assemble(List<Row> rows, String companySwitch, People people) {
        Map<Kind, List<Object>> byKind = new EnumMap<>(Kind.class);
        for (Row r : rows) {
            byKind.computeIfAbsent(r.kind(), k -> new ArrayList<>()).add(read(r.kind(), r.body()));
        }
        Map<String, UserSettings> settings = new LinkedHashMap<>();
        list(byKind, Kind.USER, UserSettings.class).forEach(s -> settings.put(s.user(), s));
        Map<String, List<String>> barring = new LinkedHashMap<>();
        for (Subscription s : people.barred()) {
            barring.put(s.number(), s.addons().stream().filter(a -> "barring".equals(a.code()))
                    .flatMap(a -> a.categories().stream()).toList());
        }
        List<UserConfig> users = new ArrayList<>();
        for (Employee e : people.employees()) {
            UserSettings s = settings.get(e.id());
            users.add(new UserConfig(e.id(), e.name(), e.username(), e.mobile(), s == null ? 0 : s.ringSeconds(),
                    s == null ? null : s.forward(), s == null ? null : s.conferencePin(),
                    e.mobile() == null ? List.of() : barring.getOrDefault(e.mobile(), List.of()),
                    s == null ? null : s.barredPrefixes()));
        }
        return new SwitchboardConfig(users, list(byKind, Kind.NUMBER, NumberEntry.class),
                list(byKind, Kind.GROUP, GroupConfig.class), list(byKind, Kind.QUEUE, QueueConfig.class),
                list(byKind, Kind.MENU, MenuConfig.class), list(byKind, Kind.SCHEDULE, Schedule.class),
                list(byKind, Kind.SWITCH, TimeSwitch.class), companySwitch);
    }

    private static <T> List<T> list(Map<Kind, List<Object>> byKind, Kind kind, Class<T> type) {
        return byKind.getOrDefault(kind, List.of()).stream().map(type::cast).toList();
    }

    /** The whole set-up as stored, by kind, with the company-wide time switch. */
    public SetUp all(String tenant) {
        return db.run(c -> {
            Map<Kind, List<Object>> byKind = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                byKind.put(k, new ArrayList<>());
            }
            for (Row r : ConfigStore.rows(c, tenant)) {
                byKind.get(r.kind()).add(read(r.kind(), r.body()));
            }
            return new SetUp(items(byKind, Kind.NUMBER, NumberEntry.class), items(byKind, Kind.GROUP, GroupConfig.class),
                    items(byKind, Kind.QUEUE, QueueConfig.class), items(byKind, Kind.MENU, MenuConfig.class),
                    items(byKind, Kind.SCHEDULE, Schedule.class), items(byKind, Kind.SWITCH, TimeSwitch.class),
                    items(byKind, Kind.USER, UserSettings.class), ConfigStore.company(c, tenant).companySwitch());
        });
    }

    private static <T> List<T> items(Map<Kind, List<Object>> byKind, Kind kind, Class<T> type) {
        return byKind.get(kind).stream().map(type::cast).toList();
    }

    public List<Stored> list(String tenant, Kind kind) {
        return db.run(c -> ConfigStore.rows(c, tenant).stream().filter(r -> r.kind() == kind)
                .map(r -> new Stored(r.id(), read(kind, r.body()), r.version())).toList());
    }

    public Stored get(String tenant, Kind kind, String id) {
        return db.run(c -> ConfigStore.row(c, tenant, kind, id))
                .map(r -> new Stored(r.id(), read(kind, r.body()), r.version()))
                .orElseThrow(() -> DomainException.notFound(kind.id() + " " + id));
    }

    /**
     * Creates or replaces one document. Replacing needs the version read ({@code ifMatch}); creating
     * must not name one. Refused with every problem of the set-up it would make, and nothing saved.
     * The company's people are read before the transaction, not inside it (see {@link #assemble}).
     */
    public Stored put(SentralPrincipal caller, Kind kind, String id, JsonNode body, Integer ifMatch) {
        String tenant = caller.requireTenant();
        Object value = parse(kind, id, body);
        People people = people(tenant);
        return transactions.inTransaction(tenant, caller.getName(), tx -> {
            Connection c = tx.connection();
            ConfigStore.lock(c, tenant);
            List<Row> current = ConfigStore.rows(c, tenant);
            String companySwitch = ConfigStore.company(c, tenant).companySwitch();
            Optional<Row> before = current.stream().filter(r -> r.kind() == kind && r.id().equals(id)).findFirst();
            int version = checkVersion(before.map(Row::version), ifMatch, kind, id);
            List<Row> rows = new ArrayList<>(current);
            rows.removeIf(r -> r.kind() == kind && r.id().equals(id));
            rows.add(new Row(kind, id, Json.MAPPER.valueToTree(value), version));
            validate(people, current, companySwitch, rows, companySwitch, kind.path() + "." + id);
            ConfigStore.put(c, tenant, kind, id, Json.write(value), version);
            tx.audit("switchboard-" + kind.id(), id, before.isPresent() ? "changed" : "created",
                    before.map(r -> read(kind, r.body())).orElse(null), value);
            tx.publish(CONFIGURED, kind.id() + "/" + id, Map.of("kind", kind.id(), "id", id,
                    "action", before.isPresent() ? "changed" : "created"));
            return new Stored(id, value, version);
        });
    }

    /** Deletes a document nothing else refers to; a queue with callbacks waiting is kept until they are served. */
    public void delete(SentralPrincipal caller, Kind kind, String id, int ifMatch) {
        String tenant = caller.requireTenant();
        People people = people(tenant);
        transactions.inTransaction(tenant, caller.getName(), tx -> {
            Connection c = tx.connection();
            ConfigStore.lock(c, tenant);
            List<Row> current = ConfigStore.rows(c, tenant);
            String companySwitch = ConfigStore.company(c, tenant).companySwitch();
            List<Row> rows = new ArrayList<>(current);
            Row before = rows.stream().filter(r -> r.kind() == kind && r.id().equals(id)).findFirst()
                    .orElseThrow(() -> DomainException.notFound(kind.id() + " " + id));
            checkVersion(Optional.of(before.version()), ifMatch, kind, id);
            int waiting = kind == Kind.QUEUE ? callbacks.pending(c, tenant, id) : 0;
            if (waiting > 0) {
                throw DomainException.conflict("queue " + id + " has " + waiting
                        + " callbacks waiting; delete it when they are served");
            }
            rows.remove(before);
            validate(people, current, companySwitch, rows, companySwitch, kind.path() + "." + id);
            ConfigStore.delete(c, tenant, kind, id);
            tx.audit("switchboard-" + kind.id(), id, "deleted", read(kind, before.body()), null);
            tx.publish(CONFIGURED, kind.id() + "/" + id, Map.of("kind", kind.id(), "id", id, "action", "deleted"));
            return null;
        });
    }

    /** Sets (or with null clears) the time switch that governs all external numbers (PBX-06). */
    public Company setCompanySwitch(SentralPrincipal caller, String companySwitch, Integer ifMatch) {
        String tenant = caller.requireTenant();
        People people = people(tenant);
        return transactions.inTransaction(tenant, caller.getName(), tx -> {
            Connection c = tx.connection();
            ConfigStore.lock(c, tenant);
            Company before = ConfigStore.company(c, tenant);
            int version = checkVersion(before.version() == 0 ? Optional.empty() : Optional.of(before.version()),
                    ifMatch, Kind.SWITCH, "company");
            List<Row> rows = ConfigStore.rows(c, tenant);
            validate(people, rows, before.companySwitch(), rows, companySwitch, "companySwitch");
            Company after = new Company(companySwitch, version);
            ConfigStore.putCompany(c, tenant, after);
            tx.audit("switchboard-company", tenant, "changed", before, after);
            tx.publish(CONFIGURED, "company", Map.of("kind", "company", "id", tenant, "action", "changed"));
            return after;
        });
    }

    private static int checkVersion(Optional<Integer> current, Integer ifMatch, Kind kind, String id) {
        if (current.isEmpty()) {
            if (ifMatch != null) {
                throw DomainException.stale(kind.id() + " " + id + " does not exist any more");
            }
            return 1;
        }
        if (ifMatch == null) {
            throw DomainException.versionRequired(kind.id() + " " + id + " exists: send If-Match with the"
                    + " ETag you read to replace it");
        }
        if (ifMatch.intValue() != current.get()) {
            throw DomainException.stale(kind.id() + " " + id + " was changed meanwhile (version "
                    + current.get() + ", you sent " + ifMatch + ")");
        }
        return current.get() + 1;
    }

    /**
     * Refuses a change that makes new problems; problems it did not make (an employee the plan names has
     * left the company meanwhile) do not block unrelated changes. The changed item's problems come first.
     */
    private static void validate(People people, List<Row> before, String switchBefore, List<Row> after,
                                 String switchAfter, String changed) {
        List<FieldError> made = new ArrayList<>(problems(assemble(after, switchAfter, people), after));
        made.removeAll(problems(assemble(before, switchBefore, people), before));
        made.sort((a, b) -> Boolean.compare(!a.field().startsWith(changed), !b.field().startsWith(changed)));
        if (!made.isEmpty()) {
            throw DomainException.invalid(made);
        }
    }

    private static List<FieldError> problems(SwitchboardConfig config, List<Row> rows) {
        List<FieldError> errors = new ArrayList<>(ConfigValidator.problems(config));
        rows.stream().filter(r -> r.kind() == Kind.USER && !config.users().containsKey(r.id()))
                .forEach(r -> errors.add(new FieldError("users." + r.id(), "no employee " + r.id() + " in the company")));
        return errors;
    }

    /** What is wrong with the company's set-up as it stands (after changes in the organisation, say). */
    public List<FieldError> problems(String tenant) {
        People people = people(tenant);
        return db.run(c -> {
            List<Row> rows = ConfigStore.rows(c, tenant);
            return problems(assemble(rows, ConfigStore.company(c, tenant).companySwitch(), people), rows);
        });
    }

    /** Reads a request body as the kind's record; the id in the path wins over one in the body. */
    static Object parse(Kind kind, String id, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw DomainException.invalid("body", "a JSON object");
        }
        ObjectNode node = ((ObjectNode) body).deepCopy();
        node.put(kind.idField(), id);
        try {
            return Json.MAPPER.treeToValue(node, kind.type());
        } catch (UnrecognizedPropertyException e) {
            throw DomainException.invalid(e.getPropertyName(), "unknown field; fields: " + e.getKnownPropertyIds());
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw DomainException.invalid(path(e), cause.getMessage());
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw DomainException.invalid(path(e), e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DomainException.invalid("body", e.getOriginalMessage());
        }
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        String p = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse("body");
        return p.isEmpty() ? "body" : p;
    }

    private static Object read(Kind kind, JsonNode body) {
        try {
            return Json.MAPPER.treeToValue(body, kind.type());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable stored " + kind.id() + ": " + e.getMessage(), e);
        }
    }
}
