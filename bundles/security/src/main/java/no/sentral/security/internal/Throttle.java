package no.sentral.security.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import no.sentral.api.audit.AuditLog;
import no.sentral.api.event.CloudEventJson;
import no.sentral.api.health.HealthCheck;
import no.sentral.api.health.HealthStatus;
import no.sentral.api.security.LoginThrottle;
import no.sentral.api.spi.jdbc.Database;
import no.sentral.api.spi.jdbc.Sql;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Counts failed logins per account and per source address, in this node's memory. The first few failures
 * ({@link #FREE_PER_ACCOUNT}, {@link #FREE_PER_ADDRESS}: an office behind one address has many people) cost
 * nothing; each one after that locks the key for twice as long as the one before, from one second up to
 * {@link #MAX_DELAY}. A key is forgotten once it has been quiet for {@link #FORGET_AFTER} after its lock ended.
 * Nothing here sleeps: callers answer "retry after" at once.
 */
@Component(service = {LoginThrottle.class, HealthCheck.class})
public class Throttle implements LoginThrottle, HealthCheck {

    static final int FREE_PER_ACCOUNT = 5;
    static final int FREE_PER_ADDRESS = 20;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(15);
    /** Beyond this many keys the forgotten ones are swept, so a spray of addresses cannot fill the heap. */
    static final int MAX_KEYS = 100_000;
    /** The audit log's tenant for what belongs to no company. */
    static final String PLATFORM_AUDIT = "platform";

    /** A lockout that began: what the audit log records. */
    public record Lockout(String kind, String key, String channel, int failures, Instant until) {
    }

    private record Failures(int count, Instant lockedUntil) {
    }

    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private final AtomicReference<Lockout> last = new AtomicReference<>();
    private final Clock clock;
    private final Executor auditor;
    private final Consumer<Lockout> audit;

    private final ExecutorService ownAuditor;

    @Activate
    public Throttle(@Reference AuditLog log, @Reference Database database) {
        this(Clock.systemUTC(), Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sentral-login-audit");
            t.setDaemon(true);
            return t;
        }), lockout -> log.append(tenantOf(database, lockout), "sentral-login-throttle", "login-" + lockout.kind(),
                lockout.key(), "locked", null, CloudEventJson.toJson(lockout)));
    }

    /** @param audit records a lockout; run on {@code auditor} so that no login waits for the database */
    Throttle(Clock clock, Executor auditor, Consumer<Lockout> audit) {
        this.clock = clock;
        this.auditor = auditor;
        this.audit = audit;
        this.ownAuditor = auditor instanceof ExecutorService service ? service : null;
    }

    @Deactivate
    void stop() {
        if (ownAuditor != null) {
            ownAuditor.shutdown();
        }
    }

    /** An account's lockout goes to its company's audit log; an unknown name's or an address's to the platform's. */
    private static String tenantOf(Database database, Lockout lockout) {
        if (!"account".equals(lockout.kind())) {
            return PLATFORM_AUDIT;
        }
        return database.run(c -> Sql.one(c, "SELECT tenant FROM platform_account WHERE username = ?",
                rs -> rs.getString(1), lockout.key())).orElse(PLATFORM_AUDIT);
    }

    @Override
    public long retryAfter(String account, String address) {
        Instant now = clock.instant();
        return Math.max(wait(accounts, account, now), wait(addresses, address, now));
    }

    private static long wait(Map<String, Failures> map, String key, Instant now) {
        Failures f = key == null ? null : map.get(key);
        if (f == null || !now.isBefore(f.lockedUntil())) {
            return 0;
        }
        // Rounded up: "Retry-After: 0" would invite an immediate retry that is still refused.
        return Math.max(1, Duration.between(now, f.lockedUntil()).plusMillis(999).getSeconds());
    }

    @Override
    public void failed(String account, String address, String channel) {
        Instant now = clock.instant();
        count(accounts, "account", account, FREE_PER_ACCOUNT, channel, now);
        if (!loopback(address)) {
            count(addresses, "address", address, FREE_PER_ADDRESS, channel, now);
        }
    }

    /**
     * Whether the address is this host's own. Those are not throttled per address: a reverse proxy on the host
     * would otherwise lock everyone out together (accounts are still throttled).
     */
    static boolean loopback(String address) {
        if (address == null || !address.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void count(Map<String, Failures> map, String kind, String key, int free, String channel, Instant now) {
        if (key == null) {
            return;
        }
        if (map.size() >= MAX_KEYS) {
            map.values().removeIf(f -> forgotten(f, now));
        }
        Failures f = map.compute(key, (k, old) -> {
            int count = old == null || forgotten(old, now) ? 1 : old.count() + 1;
            return new Failures(count, count <= free ? now : now.plus(delay(count - free)));
        });
        if (f.count() > free) {
            Lockout lockout = new Lockout(kind, key, channel, f.count(), f.lockedUntil());
            last.set(lockout);
            auditor.execute(() -> audit.accept(lockout));
        }
    }

    /** The lock after the {@code n}th failure beyond the free ones: 1 s, 2 s, 4 s ... up to {@link #MAX_DELAY}. */
    static Duration delay(int n) {
        return n > 20 ? MAX_DELAY : Duration.ofSeconds(Math.min(1L << (n - 1), MAX_DELAY.getSeconds()));
    }

    private static boolean forgotten(Failures f, Instant now) {
        return !now.isBefore(f.lockedUntil().plus(FORGET_AFTER));
    }

    @Override
    public void succeeded(String account) {
        if (account != null) {
            accounts.remove(account);
        }
    }

    @Override
    public String name() {
        return "logins";
    }

    /** Always up (a lockout is the throttle working), saying what is locked now and the last lockout. */
    @Override
    public HealthStatus check() {
        Instant now = clock.instant();
        long lockedAccounts = accounts.values().stream().filter(f -> now.isBefore(f.lockedUntil())).count();
        long lockedAddresses = addresses.values().stream().filter(f -> now.isBefore(f.lockedUntil())).count();
        String lastLockout = Optional.ofNullable(last.get()).map(l -> "; last lockout: " + l.kind() + " " + l.key()
                + " via " + l.channel() + " after " + l.failures() + " failures, until " + l.until()).orElse("");
        return HealthStatus.up(lockedAccounts + " account(s) and " + lockedAddresses + " address(es) throttled now"
                + lastLockout);
    }
}
