package no.sentral.security.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.CredentialsChanged;
import no.sentral.api.security.Role;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.security.Sessions;
import no.sentral.api.testing.ManualClock;
import no.sentral.persistence.internal.JdbcTransactions;
import no.sentral.persistence.internal.testing.ClasspathDatabase;
import no.sentral.persistence.internal.testing.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 11 §2: browser sessions, kept in the database and shared by nodes (two stores on one database here). */
class SessionStoreTest {

    private static final String PASSWORD = "a-long-enough-password";
    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T08:00:00Z"));
    private DataSource db;
    private ClasspathDatabase database;
    private AccountStore accounts;
    private SessionStore node1;
    private SessionStore node2;
    private SentralPrincipal kari;

    @BeforeEach
    void loggedInKari() throws Exception {
        db = postgres.freshDatabase();
        database = new ClasspathDatabase(db);
        TenantStore tenants = new TenantStore(database);
        CredentialChanges changes = new CredentialChanges();
        node1 = new SessionStore(database, clock);
        node2 = new SessionStore(database, clock);
        changes.addListener(node1);
        accounts = new AccountStore(database, tenants, changes, node1);
        tenants.create("acme", "Acme AS");
        accounts.create("acme", "kari", PASSWORD, EnumSet.of(Role.EMPLOYEE), Set.of());
        kari = accounts.authenticate("kari", PASSWORD).orElseThrow();
    }

    @Test
    void aSessionIsFoundOnEveryNodeByItsTokenWhichIsNotStored() throws Exception {
        Sessions.Opened opened = node1.open(kari);
        assertEquals(kari, node1.find(opened.token()).orElseThrow().principal());
        Sessions.Session other = node2.find(opened.token()).orElseThrow();
        assertEquals(kari, other.principal());
        assertEquals(opened.session().csrfToken(), other.csrfToken());
        assertNotEquals(opened.token(), opened.session().csrfToken());
        assertEquals(clock.instant().plus(SessionStore.ABSOLUTE), other.expires());
        assertEquals(0, TestPostgres.column(db, "SELECT token_hash FROM security_session WHERE token_hash = '"
                + opened.token() + "' OR csrf_token = '" + opened.token() + "'").size());
        assertEquals(Optional.empty(), node2.find(opened.token() + "x"));
        assertEquals(Optional.empty(), node2.find(null));
    }

    @Test
    void idleSessionsEndAndBusyOnesLastUntilTheirAbsoluteEnd() {
        String idle = node1.open(kari).token();
        String busy = node1.open(kari).token();
        for (int minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
            clock.advance(Duration.ofSeconds(20 * 60));
            assertTrue(node1.find(busy).isPresent(), "still in use after " + minutes + " min");
        }
        assertEquals(Optional.empty(), node1.find(idle));
        assertEquals(Optional.empty(), node2.find(idle));
        clock.advance(Duration.ofSeconds(20 * 60));
        assertEquals(Optional.empty(), node1.find(busy), "ended after 12 hours however busy");
    }

    @Test
    void logoutEndsTheSessionOnEveryNode() {
        String token = node1.open(kari).token();
        assertTrue(node2.find(token).isPresent());
        node1.close(token);
        assertEquals(Optional.empty(), node1.find(token));
        // Without the backbone the other node forgets it when it checks again, at most SessionStore.TOUCH later.
        clock.advance(SessionStore.TOUCH);
        assertEquals(Optional.empty(), node2.find(token));
    }

    @Test
    void aLogoutOnAnotherNodeIsAnnounced() {
        String token = node1.open(kari).token();
        List<CredentialsChanged> heard = new ArrayList<>();
        SessionStore other = new SessionStore(database, clock);
        other.publisher = new EventPublisher() {
            @Override
            public CloudEvent publish(EventAddress address, String tenant, String subject, Object data) {
                assertEquals(CredentialsChanged.ADDRESS, address);
                heard.add(CredentialsChanged.of(tenant, subject));
                return null;
            }

            @Override
            public void publish(CloudEvent event) {
                throw new AssertionError("not this one");
            }

            @Override
            public void publishBatch(List<Draft> events) {
                throw new AssertionError("not this one");
            }

            @Override
            public void publishAll(List<CloudEvent> events) {
                throw new AssertionError("not this one");
            }
        };
        other.close(token);
        assertEquals(List.of(CredentialsChanged.account("acme", "kari")), heard);
        assertTrue(node1.find(token).isPresent(), "remembered until the announcement arrives");
        heard.forEach(node1::changed);
        assertEquals(Optional.empty(), node1.find(token));
    }

    @Test
    void aRoleChangeAppliesAtOnceAndAPasswordChangeOrWithdrawalEndsTheSessions() throws Exception {
        String token = node1.open(kari).token();
        JdbcTransactions tx = new JdbcTransactions(database, () -> { }, clock);
        tx.inTransaction("acme", "boss", t -> accounts.grant(t, "kari", null, EnumSet.of(Role.COMPANY_ADMIN), Set.of()));
        assertEquals(Set.of(Role.COMPANY_ADMIN), node1.find(token).orElseThrow().principal().roles());

        accounts.resetPassword("acme", "kari", PASSWORD + "-new");
        assertEquals(Optional.empty(), node1.find(token));

        String again = node1.open(accounts.authenticate("kari", PASSWORD + "-new").orElseThrow()).token();
        tx.inTransaction("acme", "boss", t -> accounts.disable(t, "kari"));
        assertEquals(Optional.empty(), node1.find(again));
    }

    @Test
    void thePlatformAdminHasSessionsButSystemsDoNot() {
        SentralPrincipal admin = new SentralPrincipal("admin", null, Set.of(Role.PLATFORM_ADMIN), Set.of(), false);
        assertEquals(admin, node2.find(node1.open(admin).token()).orElseThrow().principal());
        assertThrows(DomainException.class, () -> node1.open(new SentralPrincipal("token:erp", "acme",
                Set.of(Role.EMPLOYEE), Set.of(), true)));
    }

    @Test
    void endedSessionsAreDeletedWhenSomeoneLogsIn() throws Exception {
        node1.open(kari);
        clock.advance(SessionStore.IDLE);
        node1.open(kari);
        assertEquals("1", TestPostgres.column(db, "SELECT count(*) FROM security_session").get(0));
    }
}
