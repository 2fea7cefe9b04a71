package no.sentral.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

/**
 * The whole switchboard path on a fresh Sentral: 1,000 companies (12 employees, an answer group on
 * the main number, round robin), the call simulator keeping 10,000 callers on the line, every call event over
 * Artemis counted by non-durable subscribers in this JVM, and the engine's own signal-to-statistics
 * latency. Two phases with the same 10,000 calls: an everyday one (calls of 20 s on average), whose
 * p99 latency is the figure an operator feels, and a flat-out one (calls of 4 s), which pushes call
 * events through as fast as the whole path carries them. Peer, on the same
 * broker in the same run once the calls have stopped: one producer sending persistent messages of the
 * same size to a queue in transactions of 1,000 (what the switchboard's live-event publisher does).
 * Targets (issue 11 §7): everyday p99 &lt; 50 ms with no live event coalesced (superseded by a later one of
 * its call or view before it could be published); flat-out call events/s &gt;= 0.5 of the peer, and live events
 * coalesced only beyond what the machine carries, which the bench reads from the CDR backlog: it grew during
 * the window, so the calls' own records were not keeping up either. None is ever dropped: the publisher has no
 * path that drops one (LiveEventsTest).
 */
public final class Switchboard {

    private static final int COMPANIES = Integer.getInteger("companies", 1_000);
    private static final int EMPLOYEES = 12;
    private static final int CALLS = Integer.getInteger("calls", 10_000);
    /** A phase of the load: how long calls last and how soon the phone is answered, on average. */
    private record Phase(String name, double talkSeconds, double answerSeconds) {
    }

    private static final Phase EVERYDAY = new Phase("everyday",
            Double.parseDouble(System.getProperty("talkSeconds", "20")),
            Double.parseDouble(System.getProperty("answerSeconds", "2")));
    private static final Phase FLAT_OUT = new Phase("flat out",
            Double.parseDouble(System.getProperty("flatOutTalkSeconds", "4")),
            Double.parseDouble(System.getProperty("flatOutAnswerSeconds", "0.5")));
    /**
     * One member rung at a time: with ring_all a ringing call holds all 12 members, so a company's
     * second caller finds nobody free, is turned away at once and (load mode) replaced at once.
     */
    private static final String STRATEGY = System.getProperty("strategy", "rr_memory");
    private static final int WINDOW_SECONDS = Integer.getInteger("windowSeconds", 30);
    private static final int PEER_SECONDS = Integer.getInteger("peerSeconds", 10);
    private static final int CLIENTS = 4;
    private static final int PEER_BATCH = 1_000;
    /** 10,000 calls with their legs, timers, CDR and event queues do not fit the distribution's 384 MB. */
    private static final String JAVA_OPTS = System.getProperty("javaOpts", "-Xms1G -Xmx2G -XX:+UseSerialGC");
    private static final double TARGET_RATIO = 0.5;
    /** Characters of a switchboard event as measured in earlier runs, for the peer run before there are any. */
    private static final int TYPICAL_EVENT_SIZE = 620;
    private static final double TARGET_P99_MS = 50;
    private static final String[] ADDRESSES = {"sentral.call.changed", "sentral.call.user-status",
        "sentral.switchboard.stats", "sentral.switchboard.wait-level", "sentral.switchboard.alert",
        "sentral.call.ended"};
    private static final String PEER_QUEUE = "sentral.bench.raw";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Karaf karaf;
    private final String admin;

    private Switchboard(Karaf karaf) {
        this.karaf = karaf;
        this.admin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + karaf.adminPassword())
                .getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Bench.header("switchboard (" + COMPANIES + " companies, " + CALLS + " concurrent calls, mean talk "
                + EVERYDAY.talkSeconds() + " s then " + FLAT_OUT.talkSeconds() + " s, window " + WINDOW_SECONDS + " s)");
        Bench.watchdog(Duration.ofMinutes(30));
        Path work = Bench.workDir(Bench.SENTRAL_TARBALL);
        try (Karaf karaf = Karaf.freshSentral(work.resolve(Bench.SENTRAL_TARBALL.getFileName()), work,
                Duration.ofSeconds(180), JAVA_OPTS)) {
            Bench.print("Karaf JVM flags: %s (the distribution's own: -Xms128M -Xmx384M -XX:+UseSerialGC)", karaf.jvmFlags());
            Switchboard bench = new Switchboard(karaf);
            bench.seed();
            try (Jms jms = new Jms(karaf.brokerPort, "admin", karaf.adminPassword());
                 Jms.Tally tally = jms.tally(ADDRESSES)) {
                // The peer before the load (a fresh broker) and after it (the broker the calls ran on); the
                // faster of the two is the one compared with.
                Peer fresh = peer(jms, TYPICAL_EVENT_SIZE);
                Load everyday = bench.load(tally, EVERYDAY);
                Load flatOut = bench.load(tally, FLAT_OUT);
                Peer after = peer(jms, (int) Math.round(tally.meanSize()));
                report(everyday, flatOut, fresh, after);
            }
        } finally {
            Karaf.deleteTree(work);
        }
    }

    // ---- seeding

    private static String tenant(int c) {
        return Bench.fmt("sb-%04d", c);
    }

    private static String mainNumber(int c) {
        return Bench.fmt("+4722%06d", c);
    }

    /** Companies, their admins (and a token each for the bench: a Basic login costs a PBKDF2 hash per request), employees, group and number. */
    private void seed() throws Exception {
        long t0 = System.nanoTime();
        parallel(c -> {
            expect(201, send("POST", "/tenants", admin, "application/json",
                    "{\"id\":\"" + tenant(c) + "\",\"name\":\"Sentralbord " + c + " AS\"}"));
            expect(200, send("PUT", "/agreements/" + tenant(c), admin, "application/json",
                    "{\"pricePlans\":[{\"code\":\"mobil-10\",\"name\":\"Mobil 10 GB\",\"kind\":\"MOBILE\",\"dataGb\":10,"
                            + "\"monthlyPriceOre\":44900}],\"addons\":[\"data-rollover\"]}"));
        });
        double tenantsSeconds = Bench.seconds(System.nanoTime() - t0);
        long t1 = System.nanoTime();
        Map<String, String> tokens = accountsAndTokens();
        double shellSeconds = Bench.seconds(System.nanoTime() - t1);
        long t2 = System.nanoTime();
        parallel(c -> {
            String auth = "Bearer " + tokens.get(tenant(c));
            expect(201, send("POST", "/departments", auth, "application/json", "{\"name\":\"Sentralbord\"}"));
            StringBuilder csv = new StringBuilder("department,name,email,mobile,title,employeeNumber\n");
            for (int e = 0; e < EMPLOYEES; e++) {
                int n = c * EMPLOYEES + e;   // distinct over all companies
                csv.append("Sentralbord,Person ").append(n).append(",person").append(n).append('@').append(tenant(c))
                        .append(".example,").append(40_000_000 + n).append(",Konsulent,").append(1000 + e).append('\n');
            }
            expect(200, send("POST", "/import/employees", auth, "text/csv", csv.toString()));
            List<String> ids = new ArrayList<>();
            Matcher m = ID.matcher(expect(200, send("GET", "/employees?limit=50", auth, null, null)));
            while (m.find()) {
                ids.add(m.group(1));
            }
            if (ids.size() != EMPLOYEES) {
                throw new IllegalStateException(tenant(c) + " has " + ids.size() + " employees");
            }
            String members = String.join(",", ids.stream().map(id -> "{\"user\":\"" + id + "\"}").toList());
            expect(200, send("PUT", "/switchboard/config/groups/all", auth, "application/json",
                    "{\"name\":\"Alle\",\"strategy\":\"" + STRATEGY + "\",\"members\":[" + members + "],\"ringSeconds\":20}"));
            expect(200, send("PUT", "/switchboard/config/numbers/" + mainNumber(c), auth, "application/json",
                    "{\"destination\":{\"type\":\"group\",\"target\":\"all\"},\"main\":true}"));
        });
        double orgSeconds = Bench.seconds(System.nanoTime() - t2);
        Bench.print("seeded %,d companies in %.1f s: tenants + agreements %.1f s (REST), admins + tokens %.1f s (one"
                        + " shell session), departments + %d employees each + group + number %.1f s (REST, %d clients)",
                COMPANIES, tenantsSeconds + shellSeconds + orgSeconds, tenantsSeconds, shellSeconds, EMPLOYEES,
                orgSeconds, CLIENTS);
        String status = status();
        Bench.print("switchboard: %s companies, adapters %s", field(status, "companies"), list(status, "adapters"));
    }

    /**
     * One shell script through bin/client (one SSH session for all, not one per company): a company
     * admin per company, and an API token with the same role that the bench's requests use.
     */
    private Map<String, String> accountsAndTokens() throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (int c = 1; c <= COMPANIES; c++) {
            script.append("sentral:account-add --password bench-password-").append(c).append(' ').append(tenant(c))
                    .append(" boss@").append(tenant(c)).append(" company-admin\n");
            script.append("sentral:token-create ").append(tenant(c)).append(" bench company-admin\n");
        }
        Path file = karaf.base.resolve("bench-seed.script");
        Files.writeString(file, script);
        Path out = karaf.base.resolve("bench-seed.out");
        Process p = new ProcessBuilder(karaf.base.resolve("bin/client").toString(), "-a", Integer.toString(karaf.sshPort),
                "-h", "127.0.0.1", "-u", "admin", "-p", karaf.adminPassword(), "-r", "10", "-f", file.toString())
                .directory(karaf.base.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the seeding shell script did not finish in 10 minutes");
        }
        // Each "account boss@T added to T" is followed by T's token on the next line.
        Map<String, String> tokens = new HashMap<>();
        List<String> lines = Files.readAllLines(out).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
        Pattern added = Pattern.compile("account \\S+ added to (\\S+)");
        for (int i = 0; i + 1 < lines.size(); i++) {
            Matcher m = added.matcher(lines.get(i));
            if (m.matches()) {
                tokens.put(m.group(1), lines.get(i + 1));
            }
        }
        if (tokens.size() != COMPANIES) {
            throw new IllegalStateException("the shell script made " + tokens.size() + " of " + COMPANIES
                    + " admins; see " + out + ": " + lines.subList(0, Math.min(5, lines.size())));
        }
        return tokens;
    }

    @FunctionalInterface
    private interface PerCompany {
        void seed(int company) throws Exception;
    }

    private static void parallel(PerCompany work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 1; c <= COMPANIES; c++) {
                int company = c;
                done.add(pool.submit(() -> {
                    work.seed(company);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- the load

    private record Load(Phase phase, double eventsPerSecond, long events, double seconds, int liveCallsMin, int liveCallsMax,
                        int backlogStart, int backlogEnd, int backlogMax, long coalesced, long published,
                        double p50, double p99, long samples, double drainSeconds, double meanSize) {
    }

    /** Starts the simulator, waits for the calls to be on the line, measures a window, stops it and waits for the tail. */
    private Load load(Jms.Tally tally, Phase phase) throws Exception {
        Path cfg = karaf.base.resolve("etc/no.sentral.simulator.cfg");
        writeSimulatorConfig(cfg, phase);
        long t0 = System.nanoTime();
        Bench.print("%s: simulator started, %,d concurrent calls, mean talk %.0f s, answer after %.1f s (mean)",
                phase.name(), CALLS, phase.talkSeconds(), phase.answerSeconds());
        Bench.require("the simulator as the switchboard's adapter", Duration.ofSeconds(60), 200,
                () -> list(status(), "adapters").contains("simulator"));
        boolean full = Bench.await(Duration.ofMinutes(3), 2_000, () -> {
            String s = status();
            Bench.print("  ramp %5.1f s: liveCalls %6s  cdrBacklog %6s  events received %,9d  live events coalesced %s",
                    Bench.seconds(System.nanoTime() - t0), field(s, "liveCalls"), field(s, "cdrBacklog"), tally.received(),
                    field(s, "liveEventsCoalesced"));
            return num(s, "liveCalls") >= 0.98 * CALLS;
        });
        if (!full) {
            Bench.print("WARNING: liveCalls never reached 98 %% of %,d in 3 minutes; measuring what there is", CALLS);
        }
        Bench.sleep(5_000);   // past the first calls' ends, so ended calls and CDRs flow at their steady rate
        String first = status();
        long events0 = tally.received();
        long w0 = System.nanoTime();
        int min = Integer.MAX_VALUE;
        int max = 0;
        int backlogMax = 0;
        String last = first;
        while (System.nanoTime() - w0 < WINDOW_SECONDS * 1_000_000_000L) {
            Bench.sleep(5_000);
            last = status();
            min = Math.min(min, (int) num(last, "liveCalls"));
            max = Math.max(max, (int) num(last, "liveCalls"));
            backlogMax = Math.max(backlogMax, (int) num(last, "cdrBacklog"));
            Bench.print("  window %4.1f s: liveCalls %6s  cdrBacklog %6s  call events/s so far %,8.0f  coalesced %s",
                    Bench.seconds(System.nanoTime() - w0), field(last, "liveCalls"), field(last, "cdrBacklog"),
                    (tally.received() - events0) / Bench.seconds(System.nanoTime() - w0), field(last, "liveEventsCoalesced"));
        }
        long events = tally.received() - events0;
        double seconds = Bench.seconds(System.nanoTime() - w0);
        double meanSize = tally.meanSize();

        Files.delete(cfg);
        long s0 = System.nanoTime();
        Bench.require("the simulator gone and the calls ended", Duration.ofMinutes(2), 500,
                () -> num(status(), "liveCalls") == 0 && list(status(), "adapters").isEmpty());
        Bench.require("the CDR backlog written", Duration.ofMinutes(5), 500, () -> num(status(), "cdrBacklog") == 0);
        // call.ended events follow their CDRs through the database outbox: wait until they stop arriving.
        AtomicLong seen = new AtomicLong(-1);
        Bench.require("the last call events", Duration.ofMinutes(5), 3_000, () -> seen.getAndSet(tally.received())
                == tally.received());
        double drainSeconds = Bench.seconds(System.nanoTime() - s0);
        return new Load(phase, events / seconds, events, seconds, min, max, (int) num(first, "cdrBacklog"),
                (int) num(last, "cdrBacklog"), backlogMax,
                (long) (num(last, "liveEventsCoalesced") - num(first, "liveEventsCoalesced")),
                (long) (num(last, "liveEventsPublished") - num(first, "liveEventsPublished")),
                num(last, "signalToStatsP50Millis"), num(last, "signalToStatsP99Millis"),
                (long) num(last, "latencySamples"), drainSeconds, meanSize);
    }

    /**
     * Typed values (Karaf reads a .cfg with a [ ... ] array as the config format), written beside etc/
     * and moved in so that FileInstall never reads half a file.
     */
    private static void writeSimulatorConfig(Path cfg, Phase phase) throws IOException {
        List<String> companies = new ArrayList<>();
        for (int c = 1; c <= COMPANIES; c++) {
            companies.add("\"" + tenant(c) + "=" + mainNumber(c) + "\"");
        }
        String text = "companies = [ " + String.join(", ", companies) + " ]\n"
                + "callsPerHour = D\"0.0\"\n"
                + "concurrentCalls = I\"" + CALLS + "\"\n"
                + "meanTalkSeconds = D\"" + phase.talkSeconds() + "\"\n"
                + "answerSeconds = D\"" + phase.answerSeconds() + "\"\n"
                + "answerShare = D\"1.0\"\n"
                + "callbackShare = D\"0.0\"\n"
                + "ivrKeys = \"\"\n";
        Path staged = cfg.resolveSibling("../no.sentral.simulator.cfg.tmp").normalize();
        Files.writeString(staged, text);
        Files.move(staged, cfg, StandardCopyOption.ATOMIC_MOVE);
    }

    // ---- the peer

    private record Peer(double batchedPerSecond, long batched, double singlePerSecond, long single, int size) {
    }

    /**
     * Raw Artemis on the same broker: one producer, persistent messages of the events' mean size to a
     * durable queue, first in transactions of 1,000 (the live-event publisher's shape), then one
     * synchronous send each. A consumer in this JVM drains the queue meanwhile, as the tally drained the
     * call events, so the queue never grows into paging.
     */
    private static Peer peer(Jms jms, int size) throws Exception {
        String body = "x".repeat(Math.max(100, size));
        long[] batched = send(jms, body, true);
        jms.purge(PEER_QUEUE);
        long[] single = send(jms, body, false);
        jms.purge(PEER_QUEUE);
        Bench.print("peer: raw persistent sends of %d characters to %s, %d s each", body.length(), PEER_QUEUE, PEER_SECONDS);
        return new Peer(batched[0] / Bench.seconds(batched[1]), batched[0], single[0] / Bench.seconds(single[1]),
                single[0], body.length());
    }

    /** Sends for PEER_SECONDS; returns {messages, nanos}. */
    private static long[] send(Jms jms, String body, boolean transacted) throws JMSException {
        try (Connection c = jms.factory.createConnection()) {
            Session drain = c.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
            drain.createConsumer(drain.createQueue(PEER_QUEUE)).setMessageListener(m -> { });
            c.start();
            Session s = c.createSession(transacted, transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createQueue(PEER_QUEUE));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            long sent = 0;
            long t0 = System.nanoTime();
            long end = t0 + PEER_SECONDS * 1_000_000_000L;
            while (System.nanoTime() < end) {
                for (int i = 0; i < (transacted ? PEER_BATCH : 1); i++) {
                    TextMessage m = s.createTextMessage(body);
                    m.setStringProperty("ce_type", PEER_QUEUE);
                    m.setStringProperty("ce_tenant", tenant((int) (sent % COMPANIES) + 1));
                    p.send(m);
                    sent++;
                }
                if (transacted) {
                    s.commit();
                }
            }
            return new long[] {sent, System.nanoTime() - t0};
        }
    }

    private static void report(Load everyday, Load flatOut, Peer fresh, Peer after) {
        Bench.print("");
        for (Load load : List.of(everyday, flatOut)) {
            Bench.print("%-9s %,8.0f call events/s  (%,d in %.1f s at %,d-%,d live calls; %.0f characters each on"
                            + " average); signal -> statistics p50 %.1f ms, p99 %.1f ms (of the last %,d)",
                    load.phase().name(), load.eventsPerSecond, load.events, load.seconds, load.liveCallsMin,
                    load.liveCallsMax, load.meanSize, load.p50, load.p99, Math.min(100_000, load.samples));
            Bench.print("          live events published %,d, coalesced %,d in the window; CDR backlog %,d -> %,d"
                            + " (max %,d); after the stop: calls ended, CDRs written, events delivered in %.1f s",
                    load.published, load.coalesced, load.backlogStart, load.backlogEnd, load.backlogMax, load.drainSeconds);
        }
        for (Peer peer : List.of(fresh, after)) {
            Bench.print("raw Artemis %s: %,8.0f msgs/s in transactions of %,d (%,d persistent of %d characters, one"
                            + " producer); %,.0f msgs/s one synchronous send each (context only)",
                    peer == fresh ? "before the load" : "after the load ", peer.batchedPerSecond, PEER_BATCH,
                    peer.batched, peer.size, peer.singlePerSecond);
        }
        double ratio = flatOut.eventsPerSecond / Math.max(fresh.batchedPerSecond, after.batchedPerSecond);
        boolean beyondCapacity = flatOut.backlogEnd > flatOut.backlogStart;
        Bench.print("ratio flat-out call events / the faster raw batched = %.2f (target >= %.1f); %,d live events"
                        + " coalesced, %s %s",
                ratio, TARGET_RATIO, flatOut.coalesced, flatOut.coalesced == 0 ? "none needed"
                        : beyondCapacity ? Bench.fmt("beyond what the machine carries (CDR backlog %,d -> %,d): allowed",
                                flatOut.backlogStart, flatOut.backlogEnd)
                        : "while the CDRs kept up: not allowed",
                Bench.verdict(ratio >= TARGET_RATIO && (flatOut.coalesced == 0 || beyondCapacity)));
        Bench.print("everyday signal -> statistics event on the broker: p99 %.1f ms (target < %.0f ms), %,d live events"
                        + " coalesced (target none) %s",
                everyday.p99, TARGET_P99_MS, everyday.coalesced,
                Bench.verdict(everyday.p99 < TARGET_P99_MS && everyday.coalesced == 0));
    }

    // ---- REST

    private String status() {
        try {
            return expect(200, send("GET", "/switchboard/status", admin, null, null));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("GET /switchboard/status: " + e, e);
        }
    }

    private HttpResponse<String> send(String method, String path, String auth, String type, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + karaf.httpPort + "/api/v1" + path))
                .header("Authorization", auth).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
            b.header("Content-Type", type);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String expect(int code, HttpResponse<String> r) {
        if (r.statusCode() != code) {
            throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered "
                    + r.statusCode() + ": " + r.body().substring(0, Math.min(1000, r.body().length())));
        }
        return r.body();
    }

    /** A top-level scalar of a JSON object, as text ("null" when absent or null). */
    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"[^\"]*\"|[^,}\\]]+)").matcher(json);
        return m.find() ? m.group(1).replace("\"", "").strip() : "null";
    }

    private static double num(String json, String name) {
        String v = field(json, name);
        return v.equals("null") ? Double.NaN : Double.parseDouble(v);
    }

    private static String list(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
        return m.find() ? m.group(1).replace("\"", "") : "";
    }
}
