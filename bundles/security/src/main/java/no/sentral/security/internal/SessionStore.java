package no.sentral.security.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import no.sentral.api.event.EventPublisher;
import no.sentral.api.failure.DomainException;
import no.sentral.api.security.CredentialsChanged;
import no.sentral.api.security.CredentialsListener;
import no.sentral.api.security.Role;
import no.sentral.api.security.Secrets;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.security.Sessions;
import no.sentral.api.spi.jdbc.Database;
import no.sentral.api.spi.jdbc.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Sessions in {@code security_session}, remembered in memory. A remembered session is checked against the
 * database again when it is used after {@link #TOUCH} (which also records it as seen, for the idle end), so a
 * logout on another node or a restart costs nothing more; a {@link CredentialsChanged} forgets its login's
 * sessions here at once, so that the next request reads the login's current roles.
 */
@Component(service = {Sessions.class, SessionStore.class, CredentialsListener.class})
public class SessionStore implements Sessions, CredentialsListener {

    static final String OWNER = "security";
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(12);
    static final Duration TOUCH = Duration.ofMinutes(1);

    private record Known(Session session, Instant lastSeen) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private final Database database;
    private final Clock clock;

    /**
     * Logouts go to the other nodes straight through the backbone: going through {@link CredentialChanges}, which
     * tells this store of changes, would make the two components need each other.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EventPublisher publisher;

    @Activate
    public SessionStore(@Reference Database database) {
        this(database, Clock.systemUTC());
    }

    SessionStore(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        database.migrate(SessionStore.class, OWNER);
    }

    @Override
    public Opened open(SentralPrincipal person) {
        if (person.system()) {
            throw DomainException.forbidden("sessions are for people; systems send their API token");
        }
        String token = Secrets.random(32);
        Instant now = clock.instant();
        Session session = new Session(person, Secrets.random(32), now.plus(ABSOLUTE));
        database.run(c -> {
            // Ended sessions go when someone logs in: no sweeper thread, and the table stays as small as the live ones.
            Sql.update(c, "DELETE FROM security_session WHERE expires_at <= ? OR last_seen <= ?", Timestamp.from(now),
                    Timestamp.from(now.minus(IDLE)));
            return Sql.update(c, "INSERT INTO security_session (token_hash, csrf_token, username, tenant, created_at,"
                    + " last_seen, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Secrets.sha256Hex(token),
                    session.csrfToken(), person.getName(), person.tenant(), Timestamp.from(now), Timestamp.from(now),
                    Timestamp.from(session.expires()));
        });
        known.put(Secrets.sha256Hex(token), new Known(session, now));
        return new Opened(token, session);
    }

    @Override
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(token);
        Instant now = clock.instant();
        Known k = known.get(hash);
        if (k != null && now.isBefore(k.lastSeen().plus(TOUCH)) && now.isBefore(k.session().expires())) {
            return Optional.of(k.session());
        }
        long generation = changes.get();
        Optional<Known> loaded = load(hash, now);
        if (loaded.isEmpty()) {
            known.remove(hash);
            return Optional.empty();
        }
        known.put(hash, loaded.get());
        if (changes.get() != generation) {
            // A change came while the row was read: the next request reads it again.
            known.remove(hash);
        }
        return Optional.of(loaded.get().session());
    }

    /** Reads a live session with its login's current roles, and records it as seen now. */
    private Optional<Known> load(String hash, Instant now) {
        return database.run(c -> {
            List<Session> rows = Sql.list(c, "SELECT s.username, s.tenant, s.csrf_token, s.expires_at, a.roles,"
                    + " a.departments FROM security_session s LEFT JOIN platform_account a ON a.username = s.username"
                    + " AND a.tenant = s.tenant AND NOT a.disabled WHERE s.token_hash = ? AND s.expires_at > ?"
                    + " AND s.last_seen > ?", rs -> {
                        String tenant = rs.getString(2);
                        if (tenant != null && rs.getArray(5) == null) {
                            return null;
                        }
                        SentralPrincipal principal = tenant == null
                                ? new SentralPrincipal(rs.getString(1), null, Set.of(Role.PLATFORM_ADMIN), Set.of(), false)
                                : new SentralPrincipal(rs.getString(1), tenant, Rows.roles(rs.getArray(5)),
                                        Set.of((String[]) rs.getArray(6).getArray()), false);
                        return new Session(principal, rs.getString(3), rs.getTimestamp(4).toInstant());
                    }, hash, Timestamp.from(now), Timestamp.from(now.minus(IDLE)));
            if (rows.isEmpty() || rows.get(0) == null) {
                return Optional.<Known>empty();
            }
            Sql.update(c, "UPDATE security_session SET last_seen = ? WHERE token_hash = ?", Timestamp.from(now), hash);
            return Optional.of(new Known(rows.get(0), now));
        });
    }

    @Override
    public void close(String token) {
        String hash = Secrets.sha256Hex(token);
        known.remove(hash);
        Optional<String[]> ended = database.run(c -> Sql.one(c, "DELETE FROM security_session WHERE token_hash = ?"
                + " RETURNING tenant, username", rs -> new String[] {rs.getString(1), rs.getString(2)}, hash));
        // Other nodes forget the login's sessions now; the platform admin's (no company) at their next check.
        ended.filter(who -> who[0] != null).ifPresent(who -> CredentialChanges.publish(publisher,
                CredentialsChanged.account(who[0], who[1])));
    }

    /** Ends every session of a login (its password changed, or it was withdrawn), inside the caller's transaction. */
    void endAll(Connection c, String username) throws SQLException {
        Sql.update(c, "DELETE FROM security_session WHERE username = ? AND tenant IS NOT NULL", username);
    }

    @Override
    public void changed(CredentialsChanged change) {
        changes.incrementAndGet();
        known.values().removeIf(k -> change.concerns(k.session().principal()));
    }
}
