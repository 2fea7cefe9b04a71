package no.sentral.switchboard.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.EnumSet;
import javax.sql.DataSource;
import no.sentral.api.organisation.Addon;
import no.sentral.api.organisation.Employee;
import no.sentral.api.organisation.Organisation;
import no.sentral.api.organisation.Subscription;
import no.sentral.api.organisation.SubscriptionKind;
import no.sentral.api.organisation.SubscriptionStatus;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.telephony.CallRecord;
import no.sentral.api.telephony.Hop;
import no.sentral.persistence.internal.JdbcTransactions;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import no.sentral.persistence.internal.testing.TestPostgres;
import no.sentral.switchboard.internal.config.Availability;
import no.sentral.switchboard.internal.config.Kind;
import no.sentral.switchboard.internal.config.SwitchboardConfig;
import no.sentral.switchboard.internal.engine.PendingCallback;
import no.sentral.switchboard.internal.engine.Visit;
import no.sentral.switchboard.internal.service.ConfigService;
import no.sentral.switchboard.internal.testing.FixedOrganisation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The switchboard's persistence on a real PostgreSQL: validated set-up, CDRs with statistics, callbacks, agents. */
class SwitchboardStoreTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private static final String T = "acme";
    private static final SentralPrincipal ADMIN = new SentralPrincipal("admin@acme", T, EnumSet.of(Role.COMPANY_ADMIN),
            Set.of(), false);

    private DataSource db;
    @TempDir
    Path journal;
    private ConfigService configs;
    private CallbackStore callbacks;
    private CdrWriter cdrs;
    private JdbcTransactions transactions;
    private final List<Employee> employees = new ArrayList<>(List.of(
            new Employee("e1", "d1", "Kari", null, "+4790000001", null, "nb", null, "kari", false, 1),
            new Employee("e2", "d1", "Ola", null, "+4790000002", null, "nb", null, null, false, 1)));

    @BeforeEach
    void setUp() throws Exception {
        db = postgres.freshDatabase();
        ClasspathDatabase platform = new ClasspathDatabase(db);
        SwitchboardDatabase database = new SwitchboardDatabase(platform);
        transactions = new JdbcTransactions(platform, () -> { }, Clock.systemUTC());
        callbacks = new CallbackStore(database);
        configs = new ConfigService(database, transactions, organisation(), callbacks);
        cdrs = new CdrWriter(transactions, journal);
    }

    /** One subscription with international calls barred. */
    private Organisation organisation() {
        return new FixedOrganisation(employees, List.of(new Subscription("s1", "+4790000001", SubscriptionKind.MOBILE,
                SubscriptionStatus.ACTIVE, "e1", "d1", "mobil", null, List.of(new Addon("barring", null,
                List.of("international-calls"), null, null)), null, 1)));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void aSetUpIsSavedWhenValidAndAssembledWithTheEmployeesAndTheirBarring() throws Exception {
        configs.put(ADMIN, Kind.QUEUE, "support", json("{\"name\":\"Support\",\"strategy\":\"least_recent\"}"), null);
        configs.put(ADMIN, Kind.NUMBER, "+4722000000", json("{\"destination\":{\"type\":\"QUEUE\",\"target\":\"support\"},"
                + "\"main\":true}"), null);
        configs.put(ADMIN, Kind.USER, "e2", json("{\"ringSeconds\":12,\"conferencePin\":\"1234\"}"), null);
        SwitchboardConfig config = configs.assemble(T);
        assertThat(config.queues()).containsKey("support");
        assertEquals("support", config.mainNumber().orElseThrow().destination().target());
        assertThat(config.users().get("e1").barring()).containsExactly("international-calls");
        assertEquals(12, config.users().get("e2").ringSeconds());
        assertEquals("e1", config.userByUsername("kari").orElseThrow().id());
        assertThat(configs.tenants()).containsExactly(T);
    }

    @Test
    void aChangeThatBreaksTheSetUpIsRefusedAndNothingIsSaved() throws Exception {
        configs.put(ADMIN, Kind.QUEUE, "support", json("{\"name\":\"Support\"}"), null);
        configs.put(ADMIN, Kind.MENU, "main", json("{\"prompt\":\"p\",\"fallback\":{\"type\":\"queue\",\"target\":\"support\"}}"), null);
        assertThatThrownBy(() -> configs.put(ADMIN, Kind.QUEUE, "support",
                json("{\"name\":\"Support\",\"overflow\":{\"type\":\"menu\",\"target\":\"main\"}}"), 1))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.errors())
                        .anySatisfy(err -> assertThat(err.message()).contains("routing loop")));
        assertThat(configs.get(T, Kind.QUEUE, "support").version()).isEqualTo(1);
        assertThatThrownBy(() -> configs.put(ADMIN, Kind.QUEUE, "support", json("{\"name\":\"S\"}"), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertEquals(DomainException.Kind.VERSION_REQUIRED, e.kind()));
        assertThatThrownBy(() -> configs.put(ADMIN, Kind.QUEUE, "support", json("{\"name\":\"S\"}"), 7))
                .isInstanceOfSatisfying(DomainException.class, e -> assertEquals(DomainException.Kind.STALE, e.kind()));
        assertThatThrownBy(() -> configs.delete(ADMIN, Kind.QUEUE, "support", 1))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.errors())
                        .anySatisfy(err -> assertThat(err.message()).contains("no queue 'support'")));
        assertThatThrownBy(() -> configs.put(ADMIN, Kind.USER, "ghost", json("{}"), null))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.errors())
                        .anySatisfy(err -> assertThat(err.message()).contains("no employee ghost")));
        assertThatThrownBy(() -> configs.put(ADMIN, Kind.QUEUE, "x", json("{\"strategy\":\"sometimes\"}"), null))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void problemsMadeElsewhereDoNotBlockUnrelatedChangesButAreShown() throws Exception {
        configs.put(ADMIN, Kind.GROUP, "g", json("{\"name\":\"G\",\"members\":[{\"user\":\"e2\"}]}"), null);
        employees.removeIf(e -> e.id().equals("e2"));
        assertThat(configs.problems(T)).extracting(e -> e.field() + ": " + e.message())
                .containsExactly("groups.g.members: no user 'e2'");
        configs.put(ADMIN, Kind.QUEUE, "support", json("{\"name\":\"Support\"}"), null);
        assertThatThrownBy(() -> configs.put(ADMIN, Kind.NUMBER, "200", json("{\"destination\":{\"type\":\"user\","
                + "\"target\":\"e2\"}}"), null)).isInstanceOfSatisfying(DomainException.class, e -> assertThat(
                e.errors()).extracting(err -> err.field()).containsExactly("numbers.200.destination"));
    }

    @Test
    void aQueueWithCallbacksWaitingCannotBeDeleted() throws Exception {
        configs.put(ADMIN, Kind.QUEUE, "support", json("{\"name\":\"Support\"}"), null);
        callbacks.save(callback("c1"));
        assertThatThrownBy(() -> configs.delete(ADMIN, Kind.QUEUE, "support", 1))
                .isInstanceOfSatisfying(DomainException.class, e -> assertEquals(DomainException.Kind.CONFLICT, e.kind()));
        callbacks.delete(T, "c1");
        configs.delete(ADMIN, Kind.QUEUE, "support", 1);
        assertThat(configs.list(T, Kind.QUEUE)).isEmpty();
    }

    private static PendingCallback callback(String call) {
        return new PendingCallback(T, call, "support", "+4741234567", "+4722000000", 0,
                Instant.parse("2026-11-25T09:00:00Z"), Instant.parse("2026-11-25T09:00:10Z"), 3, 1,
                List.of(new Hop(Instant.parse("2026-11-25T09:00:10Z"), "queue", "support", "position 1")));
    }

    @Test
    void callbacksAndAgentsComeBackAsTheyWereSavedAndAgentChangesAreAudited() throws Exception {
        callbacks.save(callback("c1"));
        callbacks.save(callback("c1"));
        assertThat(callbacks.all()).containsExactly(callback("c1"));
        AgentStore agents = new AgentStore(new SwitchboardDatabase(new ClasspathDatabase(db)), transactions);
        agents.save(new AgentStore.Agent(T, "e1", Availability.MEETING, List.of("support", "sales")), "op@acme");
        agents.save(new AgentStore.Agent(T, "e1", Availability.MEETING, List.of("support", "sales")), "op@acme");
        agents.save(new AgentStore.Agent(T, "e1", Availability.AVAILABLE, List.of("support")), "e1@acme");
        assertThat(agents.all()).containsExactly(new AgentStore.Agent(T, "e1", Availability.AVAILABLE,
                List.of("support")));
        assertThat(TestPostgres.column(db, "SELECT actor FROM platform_audit_log WHERE entity_type = 'switchboard-agent'"
                + " ORDER BY seq")).as("an unchanged save is not audited").containsExactly("op@acme", "e1@acme");
    }

    @Test
    void anEndedCallIsWrittenOnceWithItsFifteenMinuteFiguresAndItsEvent() throws Exception {
        Instant start = Instant.parse("2026-11-25T09:07:00Z");
        CallRecord record = new CallRecord(T, "call-1", CallRecord.Direction.INBOUND, "+4741234567", "+4722000000",
                start, start.plusSeconds(12), start.plusSeconds(100), CallRecord.Disposition.ANSWERED, "e1",
                "support", 12, 88, List.of("e1"), List.of(new Hop(start, "number", "+4722000000", null)));
        List<Visit> visits = List.of(new Visit(Visit.Kind.QUEUE, "support", "call-1", start, Visit.Result.ANSWERED,
                12_000, 88_000, true), new Visit(Visit.Kind.AGENT, "e2", "call-1", start, Visit.Result.MISSED, 0, 0, false));
        cdrs.add(record, visits);
        cdrs.add(record, visits);
        cdrs.stop();
        assertThat(TestPostgres.column(db, "SELECT call_id || ' ' || disposition || ' ' || array_to_string(users, ',')"
                + " FROM sb_cdr")).containsExactly("call-1 ANSWERED e1");
        assertThat(TestPostgres.column(db, "SELECT kind || ' ' || object_id || ' ' || bucket || ' ' || offered || ' '"
                + " || answered || ' ' || answered_within_sl || ' ' || missed || ' ' || wait_ms_answered FROM sb_stats"
                + " ORDER BY kind")).containsExactly("agent e2 2026-11-25 09:00:00+00 1 0 0 1 0",
                "queue support 2026-11-25 09:00:00+00 1 1 1 0 12000");
        History history = new History(new SwitchboardDatabase(new ClasspathDatabase(db)));
        assertThat(history.buckets(T, "queue", "support", start.minusSeconds(3600), start.plusSeconds(3600)))
                .singleElement().satisfies(b -> {
                    assertEquals(100, b.serviceLevelPercent());
                    assertEquals(12, b.averageAnswerSeconds());
                    assertEquals(88, b.averageHandleSeconds());
                });
        assertThat(history.log(T, "e1", start.minusSeconds(60), start.plusSeconds(60), 10))
                .singleElement().satisfies(e -> assertThat(e.answered()).isTrue());
        assertThat(history.log(T, "e2", start.minusSeconds(60), start.plusSeconds(60), 10)).isEmpty();
        assertThat(TestPostgres.column(db, "SELECT count(*) FROM platform_event_outbox")).containsExactly("1");
    }
}
