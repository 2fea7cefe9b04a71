package no.sentral.switchboard.internal.host;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import no.sentral.api.health.HealthCheck;
import no.sentral.api.health.HealthStatus;
import no.sentral.api.telephony.CallControl;
import no.sentral.api.telephony.CallRecord;
import no.sentral.api.telephony.Command;
import no.sentral.api.telephony.Signal;
import no.sentral.api.telephony.TelephonyAdapter;
import no.sentral.switchboard.internal.engine.CallView;
import no.sentral.switchboard.internal.engine.Engine;
import no.sentral.switchboard.internal.engine.EngineListener;
import no.sentral.switchboard.internal.engine.PendingCallback;
import no.sentral.switchboard.internal.engine.Views;
import no.sentral.switchboard.internal.engine.Visit;
import no.sentral.switchboard.internal.engine.WaitColour;
import no.sentral.switchboard.internal.service.ConfigService;
import no.sentral.switchboard.internal.store.AgentStore;
import no.sentral.switchboard.internal.store.CallbackStore;
import no.sentral.switchboard.internal.store.CallbackWriter;
import no.sentral.switchboard.internal.store.CdrWriter;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the call-control engine inside Karaf: the companies' set-ups loaded and kept current, the
 * telephony adapter that carries its commands, callbacks and agent logins restored at start, CDRs
 * and statistics written, live events published. Adapters send their signals here ({@link CallControl}).
 */
@Component(service = {SwitchboardHost.class, CallControl.class, HealthCheck.class}, immediate = true,
        configurationPid = "no.sentral.switchboard")
@Designate(ocd = SwitchboardHost.Config.class)
public class SwitchboardHost implements CallControl, HealthCheck {

    @ObjectClassDefinition(name = "Sentral switchboard", description = "The call-control engine")
    public @interface Config {
        @AttributeDefinition(description = "Engine threads; companies are spread over them, each company on one")
        int shards() default 2;

        @AttributeDefinition(description = "Live events waiting to be published before a new one replaces the waiting one of its call or view")
        int liveEventCapacity() default 100_000;

        @AttributeDefinition(description = "Threads publishing live events; each company's events stay on one")
        int publisherThreads() default 3;
    }

    static final EventAddress CALL_CHANGED = new EventAddress("call", "changed");
    static final EventAddress USER_STATUS = new EventAddress("call", "user-status");
    static final EventAddress STATS = new EventAddress("switchboard", "stats");
    static final EventAddress WAIT_LEVEL = new EventAddress("switchboard", "wait-level");
    static final EventAddress ALERT = new EventAddress("switchboard", "alert");
    private static final Logger LOG = LoggerFactory.getLogger(SwitchboardHost.class);
    private static final int CDR_BACKLOG_LIMIT = 100_000;

    private final ConfigService configs;
    private final CallbackStore callbacks;
    private final CallbackWriter callbackWrites;
    private final AgentStore agents;
    private final CdrWriter cdrs;
    private final LiveEvents live;
    private final List<Shard> shards = new ArrayList<>();
    private final Adapters adapters = new Adapters();
    private final AtomicLong undelivered = new AtomicLong();
    private final AtomicLong reloadVersions = new AtomicLong();
    private final Latencies latencies = new Latencies(100_000);
    private final ScheduledExecutorService reloads = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sentral-switchboard-reload");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> pendingReloads = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> reloadMillis = new ConcurrentHashMap<>();
    private final Set<String> companies = ConcurrentHashMap.newKeySet();

    @Activate
    public SwitchboardHost(@Reference ConfigService configs, @Reference CallbackStore callbacks,
                           @Reference AgentStore agents, @Reference CdrWriter cdrs,
                           @Reference EventPublisher publisher, Config config) {
        this.configs = configs;
        this.callbacks = callbacks;
        this.callbackWrites = new CallbackWriter(callbacks, Clock.systemUTC());
        this.agents = agents;
        this.cdrs = cdrs;
        this.live = new LiveEvents(publisher, config.liveEventCapacity(), config.publisherThreads(), latencies);
        for (int i = 0; i < Math.max(1, config.shards()); i++) {
            shards.add(new Shard(i, Clock.systemUTC(), this::deliver, Listener::new));
        }
        start();
    }

    /** Loads every company's set-up, then their agents, then the callbacks waiting (which need agents to go to). */
    private void start() {
        // One company whose set-up cannot be loaded must not keep the others' switchboards down.
        List<String> tenants = configs.tenants();
        for (String tenant : tenants) {
            try {
                reload(tenant);
            } catch (RuntimeException e) {
                LOG.error("the switchboard of {} could not be loaded: {}", tenant, e.toString(), e);
            }
        }
        for (AgentStore.Agent a : agents.all()) {
            shard(a.tenant()).run(engine -> {
                if (engine.serves(a.tenant())) {
                    restoreAgent(engine, a);
                }
            });
        }
        List<PendingCallback> pending = callbacks.all();
        pending.forEach(p -> shard(p.tenant()).run(engine -> engine.restoreCallback(p)));
        LOG.info("switchboard started: {} companies, {} callbacks restored", tenants.size(), pending.size());
    }

    private static void restoreAgent(Engine engine, AgentStore.Agent a) {
        try {
            engine.setAvailability(a.tenant(), a.user(), a.availability());
            a.queues().forEach(q -> engine.login(a.tenant(), q, a.user()));
        } catch (RuntimeException e) {
            LOG.info("agent {} of {} not restored: {}", a.user(), a.tenant(), e.getMessage());
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        reloads.shutdownNow();
        for (Shard s : shards) {
            s.ask(engine -> {
                engine.stop();
                return null;
            });
            s.stop();
        }
        callbackWrites.stop(Duration.ofSeconds(10));
        live.stop();
    }

    @Reference(service = TelephonyAdapter.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addAdapter(ComponentServiceObjects<TelephonyAdapter> adapter) {
        adapters.bind(adapter);
        LOG.info("telephony adapter {} connected", Adapters.label(adapter));
    }

    void removeAdapter(ComponentServiceObjects<TelephonyAdapter> adapter) {
        adapters.unbind(adapter);
        LOG.info("telephony adapter {} disconnected", Adapters.label(adapter));
    }

    /** The adapter connected last carries the commands; with none, they are counted and not carried. */
    private boolean deliver(Command command) {
        TelephonyAdapter adapter = adapters.current();
        if (adapter == null) {
            if (undelivered.incrementAndGet() % 1000 == 1) {
                LOG.warn("no telephony adapter connected; {} commands dropped", undelivered.get());
            }
            return false;
        }
        adapter.execute(command);
        return true;
    }

    public List<String> adapters() {
        return adapters.names();
    }

    private Shard shard(String tenant) {
        return shards.get(Math.floorMod(tenant.hashCode(), shards.size()));
    }

    @Override
    public void signal(Signal signal) {
        shard(signal.tenant()).run(engine -> engine.signal(signal));
    }

    /** Asks the engine of the company's shard; DomainExceptions come through as they are. */
    public <T> T ask(String tenant, Function<Engine, T> question) {
        return shard(tenant).ask(question);
    }

    /**
     * Puts the company's current set-up in force. Reloads run concurrently (REST after a change, events of
     * other nodes' and the organisation's changes), so each takes a version before it reads: of two, the one
     * that began reading later wins, whichever reaches the engine first. Every change is followed by a
     * reload begun after its commit, so no change is lost to an older reload arriving late.
     */
    public void reload(String tenant) {
        long version = reloadVersions.incrementAndGet();
        var config = configs.assemble(tenant);
        shard(tenant).ask(engine -> engine.configure(tenant, config, version));
        companies.add(tenant);
    }

    /**
     * Reloads the company soon, once however many changes arrive meanwhile: in half a second, or four times
     * as long as its last reload took, so that the events of a large import (100,000 employees take a
     * second or more to reload) cost the machine at most a fifth of a core.
     */
    public void reloadSoon(String tenant) {
        if (tenant != null && pendingReloads.add(tenant)) {
            reloads.schedule(() -> {
                pendingReloads.remove(tenant);
                long t0 = System.nanoTime();
                try {
                    reload(tenant);
                } catch (RuntimeException e) {
                    LOG.warn("reloading the switchboard of {} failed: {}", tenant, e.toString());
                }
                reloadMillis.put(tenant, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            }, Math.max(500, 4 * reloadMillis.getOrDefault(tenant, 0L)), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Saves what the engine now knows of an employee's availability and queues, after {@code actor}
     * changed it, and returns their wallboard line.
     */
    public Views.Agent saveAgent(String tenant, String user, String actor) {
        Views.Agent a = ask(tenant, engine -> engine.agent(tenant, user));
        agents.save(new AgentStore.Agent(tenant, user, a.availability(), a.queues()), actor);
        return a;
    }

    /** How the switchboard runs: for {@code sentral:status}, the status REST resource and benchmarks. */
    public record Status(int shards, List<String> adapters, int companies, int liveCalls, long liveEventsPublished,
                         long liveEventsCoalesced, long commandsWithoutAdapter, int cdrBacklog, long latencySamples,
                         Double signalToStatsP50Millis, Double signalToStatsP99Millis) {
    }

    public Status status() {
        int calls = shards.stream().mapToInt(s -> s.ask(Engine::liveCalls)).sum();
        return new Status(shards.size(), adapters(), companies.size(), calls, live.published(), live.coalesced(),
                undelivered.get(), cdrs.backlog(), latencies.count(), latencies.percentileMillis(50),
                latencies.percentileMillis(99));
    }

    @Override
    public String name() {
        return "switchboard";
    }

    /** Down only when call records pile up unwritten; a missing adapter is said but is not an outage of Sentral. */
    @Override
    public HealthStatus check() {
        Status s = status();
        String detail = s.companies() + " companies, adapter " + (s.adapters().isEmpty() ? "none" : s.adapters().get(0))
                + ", " + s.cdrBacklog() + " CDRs to write, signal to statistics p99 "
                + (s.signalToStatsP99Millis() == null ? "-" : String.format("%.1f ms", s.signalToStatsP99Millis()))
                + ", " + s.liveEventsCoalesced() + " live events coalesced";
        return s.cdrBacklog() > CDR_BACKLOG_LIMIT ? HealthStatus.down(detail) : HealthStatus.up(detail);
    }

    /** The engine's news, on the shard's thread: persisted and published; statistics coalesced per task batch. */
    private final class Listener implements EngineListener {
        private final Shard shard;
        /** Figures to publish, with the arrival of the earliest signal that changed them. */
        private final Map<String, Long> dirty = new LinkedHashMap<>();
        /** Calls whose latest state is to be published; a call changing twice in a batch is published once. */
        private final Map<String, CallView> changed = new LinkedHashMap<>();
        private boolean flushing;

        Listener(Shard shard) {
            this.shard = shard;
        }

        /** Publishes what changed once the signals queued now are handled: one event per call and per figure. */
        private void flushSoon() {
            if (!flushing) {
                flushing = true;
                shard.run(this::flush);
            }
        }

        @Override
        public void callChanged(CallView call) {
            changed.put(call.call(), call);
            flushSoon();
        }

        @Override
        public void callEnded(CallRecord record, List<Visit> visits) {
            cdrs.add(record, visits);
        }

        @Override
        public void statsChanged(String tenant, Visit.Kind kind, String id) {
            dirty.putIfAbsent(tenant + "\n" + kind.name() + "\n" + id, shard.signalNanos());
            flushSoon();
        }

        private void flush(Engine engine) {
            flushing = false;
            changed.values().forEach(call -> live.publish(CALL_CHANGED, call.tenant(), call.call(), call));
            changed.clear();
            for (Map.Entry<String, Long> entry : dirty.entrySet()) {
                String key = entry.getKey();
                String[] k = key.split("\n", 3);
                try {
                    live.publish(STATS, k[0], k[1].toLowerCase() + "/" + k[2],
                            engine.figures(k[0], Visit.Kind.valueOf(k[1]), k[2]), entry.getValue());
                } catch (RuntimeException gone) {
                    LOG.debug("no figures for {}: {}", key, gone.getMessage());
                }
            }
            dirty.clear();
        }

        @Override
        public void waitLevel(String tenant, String call, String queue, WaitColour colour) {
            live.publish(WAIT_LEVEL, tenant, call, java.util.Map.of("call", call, "queue", queue, "colour", colour));
        }

        @Override
        public void longWait(String tenant, String call, String queue, long waitSeconds) {
            live.publish(ALERT, tenant, call, java.util.Map.of("call", call, "queue", queue, "waitSeconds", waitSeconds));
        }

        @Override
        public void userStatus(String tenant, String user, boolean onCall) {
            live.publish(USER_STATUS, tenant, user, java.util.Map.of("user", user, "onCall", onCall));
        }

        @Override
        public void callbackRequested(PendingCallback callback, long request, Instant deadline) {
            callbackWrites.save(callback, deadline, saved -> shard.run(engine ->
                    engine.callbackStored(callback.tenant(), callback.call(), request, saved)));
        }

        @Override
        public void callbackSaved(PendingCallback callback) {
            callbackWrites.update(callback);
        }

        @Override
        public void callbackDone(String tenant, String call) {
            callbackWrites.delete(tenant, call);
        }
    }
}
