package no.sentral.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.DoubleStream;
import org.postgresql.PGConnection;

/**
 * The organisation at scale, on a fresh Sentral distribution with its embedded PostgreSQL:
 * <ol>
 * <li>Bulk import: 100,000 employees and then 100,000 mobile subscriptions (on SIMs already in
 * stock) posted as CSV to {@code /api/v1/import/...}, all rows checked, written with their audit
 * entries and outbox events; the outbox is drained to the broker before each step and timed apart. Peer: PostgreSQL's own {@code COPY FROM STDIN} of the same rows into the
 * same tables (same indexes and constraints) for another company, in the same run. Target: the import
 * reaches at least 0.3 of COPY's rows per second.</li>
 * <li>Paged, filtered list: 20 concurrent clients reading pages of 50 at random places in a
 * department subtree's mobile subscriptions through {@code GET /api/v1/subscriptions?after=}, logged in
 * three ways in turn: an API token, Basic (a company admin's password) and a browser session cookie.
 * Peer: the same keyset SQL over JDBC with 20 threads. Target: p99 under 50 ms for each (issue 11 §2).</li>
 * </ol>
 */
public final class Org {

    private static final int ROWS = Integer.getInteger("rows", 100_000);
    private static final int CLIENTS = Integer.getInteger("clients", 20);
    private static final int REQUESTS = Integer.getInteger("requests", 4_000);
    /** For experiments on the list only: the company's rows are loaded by COPY instead of the (timed) import. */
    private static final boolean COPY_ONLY = Boolean.getBoolean("copyOnly");
    /** For experiments: a JFR recording of the Karaf JVM during the REST list rounds, written to this file. */
    private static final String JFR = System.getProperty("jfr");
    /** The order of the logins' rounds, e.g. {@code session,Basic,token} (default: token, Basic, session). */
    private static final String LOGIN_ORDER = System.getProperty("logins");
    /** Warm-up rounds of every login before the measured ones. */
    private static final int WARMUP_PASSES = Integer.getInteger("warmupPasses", 2);
    /** For experiments: PostgreSQL's plans of the REST list's SQL and of the peer's, before the list. */
    private static final boolean EXPLAIN = Boolean.getBoolean("explain");
    private static final double TARGET_RATIO = 0.3;
    private static final double TARGET_P99_MS = 50;
    private static final String[] DEPARTMENTS = {"Ledelse", "Salg", "Salg/Nord", "Salg/Sør", "Kundeservice", "Drift",
        "Økonomi", "IT"};

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Karaf karaf;
    private final String token;
    private final String basic;

    private Org(Karaf karaf, String token, String basic) {
        this.karaf = karaf;
        this.token = token;
        this.basic = basic;
    }

    public static void main(String[] args) throws Exception {
        // Idle keep-alive connections HttpURLConnection keeps per server (default 5): one per list client.
        System.setProperty("http.maxConnections", Integer.toString(CLIENTS));
        Bench.header("org (" + ROWS + " employees + " + ROWS + " subscriptions; list: " + CLIENTS + " clients, "
                + REQUESTS + " requests)");
        Bench.watchdog(Duration.ofMinutes(30));
        Path work = Bench.workDir(Bench.SENTRAL_TARBALL);
        try (Karaf karaf = Karaf.unpack(work.resolve(Bench.SENTRAL_TARBALL.getFileName()), work, "sentral")) {
            Files.writeString(karaf.base.resolve("etc/no.sentral.demo.cfg"), "tenant = bench\nname = Bench AS\n");
            karaf.javaOpts = System.getProperty("javaOpts");
            if (karaf.javaOpts != null) {
                Bench.print("EXPERIMENT: Karaf JVM heap and GC flags %s (not Sentral's configuration)", karaf.javaOpts);
            }
            Bench.print("Sentral ready after %.1f s", karaf.startSentral(Duration.ofSeconds(180)));
            Path credentials = karaf.base.resolve("data/sentral/demo-credentials.txt");
            Bench.require("the demo company", Duration.ofSeconds(60), 200, () -> Files.exists(credentials));
            List<String> lines = Files.readAllLines(credentials);
            String token = lines.stream().filter(l -> l.startsWith("token ")).findFirst().orElseThrow().substring(6)
                    .strip();
            String[] admin = lines.stream().filter(l -> l.startsWith("admin@")).findFirst().orElseThrow().split(" ");
            Org bench = new Org(karaf, token, admin[0] + ":" + admin[1]);
            // The demo bundle seeds the company through the REST API; measure once it has finished.
            Path seeded = karaf.base.resolve("data/sentral/demo-seeded");
            Bench.require("the demo organisation", Duration.ofSeconds(300), 500, () -> Files.exists(seeded));
            try (Connection db = bench.database()) {
                if (COPY_ONLY) {
                    Bench.print("EXPERIMENT: the company's %,d employees and subscriptions copied in with COPY, no import"
                            + " measured (-DcopyOnly=true)", ROWS);
                    bench.copyInto(db, "bench", bench.departments(db), 1);
                } else {
                    bench.importVersusCopy(db);
                }
                bench.listLatency(db);
            }
        } finally {
            Karaf.deleteTree(work);
        }
    }

    private void importVersusCopy(Connection db) throws Exception {
        // The SIMs the subscriptions will use are in stock before the clock starts, as in a real company.
        StringBuilder sims = new StringBuilder("iccid\n");
        for (int i = 0; i < ROWS; i++) {
            sims.append(iccid(1, i)).append('\n');
        }
        expect200(post("/api/v1/import/sims", sims.toString()));
        StringBuilder employees = new StringBuilder("department,name,email,mobile,title,employeeNumber\n");
        StringBuilder subscriptions = new StringBuilder("number,kind,department,employee,pricePlan,iccid,addons\n");
        for (int i = 0; i < ROWS; i++) {
            String department = DEPARTMENTS[i % DEPARTMENTS.length];
            employees.append(department).append(",Person ").append(i).append(",person").append(i)
                    .append("@bench.example,").append(mobile(i)).append(",Konsulent,").append(100_000 + i).append('\n');
            subscriptions.append(mobile(i)).append(",mobile,").append(department).append(',').append(100_000 + i)
                    .append(",mobil-10,").append(iccid(1, i)).append(",data-rollover\n");
        }
        drain(db);
        double employeeSeconds = timed(() -> expect200(post("/api/v1/import/employees", employees.toString())));
        double relaySeconds = drain(db);
        double subscriptionSeconds = timed(() -> expect200(post("/api/v1/import/subscriptions",
                subscriptions.toString())));
        relaySeconds += drain(db);
        double importSeconds = employeeSeconds + subscriptionSeconds;
        Bench.print("Sentral import:  %,d employees in %.2f s, %,d subscriptions in %.2f s: %,.0f rows/s (checked,"
                + " audited, with events)", ROWS, employeeSeconds, ROWS, subscriptionSeconds, 2 * ROWS / importSeconds);
        Bench.print("                 then their %,d events reached the broker in %.1f s more", 2 * ROWS, relaySeconds);

        double copySeconds = copy(db);
        Bench.print("PostgreSQL COPY: the same %,d rows in %.2f s: %,.0f rows/s", 2 * ROWS, copySeconds,
                2 * ROWS / copySeconds);
        double ratio = copySeconds / importSeconds;
        Bench.print("ratio import/COPY = %.2f (target >= %.1f) %s", ratio, TARGET_RATIO, Bench.verdict(ratio >= TARGET_RATIO));
    }

    /** Waits until the outbox has sent every event to the broker; returns the seconds it took. */
    private static double drain(Connection db) {
        long t0 = System.nanoTime();
        Bench.require("the outbox to drain", Duration.ofMinutes(10), 200,
                () -> count(db, "SELECT count(*) FROM platform_event_outbox") == 0);
        return Bench.seconds(System.nanoTime() - t0);
    }

    private static double timed(Call call) throws Exception {
        long t0 = System.nanoTime();
        call.run();
        return Bench.seconds(System.nanoTime() - t0);
    }

    /** COPY of the rows the import wrote (same columns, same values) into the tables for another company. */
    private double copy(Connection db) throws SQLException, IOException {
        String tenant = "bench-copy";
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO platform_tenant (id, name) VALUES ('" + tenant + "', 'Copy AS')");
            s.execute("INSERT INTO org_price_plan (tenant, code, name, kind, data_gb, monthly_price_ore)"
                    + " VALUES ('" + tenant + "', 'mobil-10', 'Mobil 10 GB', 'MOBILE', 10, 44900)");
        }
        List<String> departmentIds = new ArrayList<>();
        StringBuilder departments = new StringBuilder();
        for (String ignored : DEPARTMENTS) {
            String id = UUID.randomUUID().toString();
            departmentIds.add(id);
            departments.append(id).append(',').append(tenant).append(",Avdeling ").append(departmentIds.size())
                    .append('\n');
        }
        db.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY org_department (id, tenant, name) FROM STDIN WITH"
                + " (FORMAT csv)", new StringReader(departments.toString()));
        return copyInto(db, tenant, departmentIds, 2);
    }

    /** The ids of the bench company's departments named in {@link #DEPARTMENTS} (the demo company has them). */
    private List<String> departments(Connection db) {
        List<String> ids = new ArrayList<>();
        for (String path : DEPARTMENTS) {
            String id = null;
            for (String name : path.split("/")) {
                id = one(db, "SELECT id FROM org_department WHERE tenant = 'bench' AND name = '" + name + "' AND "
                        + (id == null ? "parent_id IS NULL" : "parent_id = '" + id + "'"));
            }
            ids.add(id);
        }
        return ids;
    }

    /**
     * COPY of {@link #ROWS} SIMs (ICCID {@code series}), employees and their mobile subscriptions into
     * {@code tenant}'s departments; returns the seconds of the employees' and subscriptions' COPY.
     */
    private double copyInto(Connection db, String tenant, List<String> departmentIds, int series)
            throws SQLException, IOException {
        StringBuilder sims = new StringBuilder();
        StringBuilder employees = new StringBuilder();
        StringBuilder subscriptions = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            String department = departmentIds.get(i % departmentIds.size());
            String employee = UUID.randomUUID().toString();
            sims.append(iccid(series, i)).append(',').append(tenant).append(",ACTIVE\n");
            employees.append(employee).append(',').append(tenant).append(',').append(department).append(",Person ")
                    .append(i).append(",person").append(i).append("@copy.example,+47").append(mobile(i))
                    .append(",Konsulent,nb,").append(100_000 + i).append('\n');
            subscriptions.append(UUID.randomUUID()).append(',').append(tenant).append(",+47").append(9 + mobile(i)
                    .substring(1)).append(",MOBILE,ACTIVE,").append(employee).append(',').append(department)
                    .append(",mobil-10,").append(iccid(series, i)).append(",\"[{\"\"code\"\":\"\"data-rollover\"\"}]\"")
                    .append(",\"{\"\"listed\"\":false,\"\"fields\"\":[]}\"\n");
        }
        var copier = db.unwrap(PGConnection.class).getCopyAPI();
        copier.copyIn("COPY org_sim (iccid, tenant, status) FROM STDIN WITH (FORMAT csv)",
                new StringReader(sims.toString()));
        long t0 = System.nanoTime();
        copier.copyIn("COPY org_employee (id, tenant, department_id, name, email, mobile, title, language,"
                + " employee_number) FROM STDIN WITH (FORMAT csv)", new StringReader(employees.toString()));
        copier.copyIn("COPY org_subscription (id, tenant, number, kind, status, employee_id, department_id, price_plan,"
                + " iccid, addons, directory) FROM STDIN WITH (FORMAT csv)", new StringReader(subscriptions.toString()));
        double seconds = Bench.seconds(System.nanoTime() - t0);
        if (COPY_ONLY) {
            // As the import does after a large file, so that the planner knows the new rows.
            try (Statement s = db.createStatement()) {
                s.execute("ANALYZE org_employee");
                s.execute("ANALYZE org_subscription");
            }
        }
        return seconds;
    }

    /**
     * Clients jump to random places in the list (the page after a random subscription, as the UI's
     * "next" does from any page) and read one page of 50; the JDBC peer runs the same keyset query.
     */
    private void listLatency(Connection db) throws Exception {
        String sales = one(db, "SELECT d.id FROM org_department d WHERE d.tenant = 'bench' AND d.name = 'Salg'"
                + " AND d.parent_id IS NULL");
        List<String[]> keys = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT number, id FROM org_subscription"
                + " WHERE tenant = 'bench' ORDER BY random() LIMIT 2000")) {
            while (rs.next()) {
                keys.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        Bench.print("list: %,d mobile subscriptions under Salg and its sub-departments, of %,d in the company",
                count(db, "SELECT count(*) FROM org_subscription WHERE tenant = 'bench' AND kind = 'MOBILE'"
                        + " AND department_id IN (SELECT id FROM org_department WHERE tenant = 'bench' AND (id = '"
                        + sales + "' OR parent_id = '" + sales + "'))"),
                count(db, "SELECT count(*) FROM org_subscription WHERE tenant = 'bench'"));
        if (EXPLAIN) {
            String[] key = keys.get(0);
            explain(db, "the REST list's SQL", "(text, uuid, text, text, text, uuid, int, int) AS SELECT id, number, kind,"
                    + " status, employee_id, department_id, price_plan, iccid, addons, directory, version FROM"
                    + " org_subscription WHERE tenant = $1 AND department_id IN (WITH RECURSIVE sub(id) AS (SELECT"
                    + " $2::uuid UNION SELECT d.id FROM org_department d JOIN sub ON d.parent_id = sub.id WHERE d.tenant"
                    + " = $3) SELECT id FROM sub) AND kind = $4 AND (number, id) > ($5, $6::uuid) ORDER BY number, id"
                    + " LIMIT $7 OFFSET $8", "'bench', '" + sales + "', 'bench', 'MOBILE', '" + key[0] + "', '" + key[1]
                    + "', 51, 0");
            explain(db, "the JDBC peer's SQL", "(text, uuid) AS SELECT * FROM org_subscription WHERE tenant = 'bench'"
                    + " AND department_id IN (WITH RECURSIVE sub(id) AS (SELECT '" + sales + "'::uuid UNION SELECT d.id"
                    + " FROM org_department d JOIN sub ON d.parent_id = sub.id WHERE d.tenant = 'bench') SELECT id FROM"
                    + " sub) AND kind = 'MOBILE' AND (number, id) > ($1, $2::uuid) ORDER BY number, id LIMIT 51",
                    "'" + key[0] + "', '" + key[1] + "'");
        }
        settle();
        String path = "/api/v1/subscriptions?department=" + sales + "&subDepartments=true&kind=mobile&limit=50&after=";
        String[] user = basic.split(":", 2);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + karaf.httpPort
                + "/api/v1/session")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                .ofString("{\"username\":\"" + user[0] + "\",\"password\":\"" + user[1] + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (login.statusCode() != 201) {
            throw new IllegalStateException("session login answered " + login.statusCode() + ": " + login.body());
        }
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String[][] logins = {{"token", "Authorization", "Bearer " + token},
            {"Basic", "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                    basic.getBytes(java.nio.charset.StandardCharsets.UTF_8))},
            {"session", "Cookie", cookie}};
        if (LOGIN_ORDER != null) {
            // An experiment on whether a row's place in the run moves its figures.
            List<String> order = List.of(LOGIN_ORDER.split(","));
            Bench.print("EXPERIMENT: the logins measured in the order %s", order);
            logins = java.util.Arrays.stream(logins).sorted(java.util.Comparator.comparingInt(l -> order.indexOf(l[0])))
                    .toArray(String[][]::new);
        }
        List<Measured> rests = new ArrayList<>();
        if (JFR != null) {
            Bench.print("EXPERIMENT: JFR recording of the Karaf JVM during the REST rounds in %s", JFR);
            jcmd("JFR.start", "name=list", "settings=profile");
        }
        List<Call> pages = new ArrayList<>();
        for (String[] how : logins) {
            pages.add(() -> {
                String[] key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
                Answer r = get(path + cursor(key[0], key[1]), how[1], how[2]);
                if (r.status() != 200) {
                    throw new IllegalStateException("list answered " + r.status() + ": " + r.text());
                }
            });
        }
        // Every login's warm-up rounds before any measured round: with each login warmed up just before its own
        // measurement, the JIT of the Karaf JVM and of this one was still at work in the first rows. With one
        // warm-up pass the client in this JVM still spent 0.30 ms of CPU per page in the first one or two rows
        // measured and 0.13 ms in the last (so the first rows' p99 was 5-10 ms higher, whichever login came
        // first): the passes' figures are printed, so that a reader sees both JVMs settle.
        for (int pass = 1; pass <= WARMUP_PASSES; pass++) {
            for (int i = 0; i < pages.size(); i++) {
                Measured warm = measured(pages.get(i));
                Bench.print("warm-up %d, %-7s p99 %5.1f ms; %s", pass, logins[i][0], Bench.percentile(warm.times(), 99),
                        warm.cpu());
            }
        }
        for (Call page : pages) {
            rests.add(measured(page));
        }
        if (JFR != null) {
            jcmd("JFR.stop", "name=list", "filename=" + Path.of(JFR).toAbsolutePath());
        }
        String sql = "SELECT * FROM org_subscription WHERE tenant = 'bench' AND department_id IN (WITH RECURSIVE"
                + " sub(id) AS (SELECT '" + sales + "'::uuid UNION SELECT d.id FROM org_department d JOIN sub"
                + " ON d.parent_id = sub.id WHERE d.tenant = 'bench') SELECT id FROM sub) AND kind = 'MOBILE'"
                + " AND (number, id) > (?, ?::uuid) ORDER BY number, id LIMIT 51";
        // Opened before the peer's warm-up: a connection per client, as the REST rounds' pool has them open.
        BlockingQueue<Connection> connections = new ArrayBlockingQueue<>(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            connections.add(database());
        }
        Measured jdbc = measure(() -> {
            String[] key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
            Connection c = connections.take();
            try (var ps = c.prepareStatement(sql)) {
                ps.setString(1, key[0]);
                ps.setString(2, key[1]);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
            } finally {
                connections.add(c);
            }
        });
        for (Connection c : connections) {
            c.close();
        }
        double jdbcP99 = Bench.percentile(jdbc.times(), 99);
        Bench.print("JDBC, same SQL: p50 %.1f ms, p99 %.1f ms (%d clients, pages of 50); %s", Bench.median(jdbc.times()),
                jdbcP99, CLIENTS, jdbc.cpu());
        for (int i = 0; i < logins.length; i++) {
            Measured rest = rests.get(i);
            double p99 = Bench.percentile(rest.times(), 99);
            Bench.print("Sentral REST (%s): p50 %.1f ms, p99 %.1f ms (%d requests); ratio p99 REST/JDBC = %.2f"
                    + " (target p99 < %.0f ms) %s", logins[i][0], Bench.median(rest.times()), p99, rest.times().size(),
                    p99 / jdbcP99, TARGET_P99_MS, Bench.verdict(p99 < TARGET_P99_MS));
            Bench.print("    %s", rest.cpu());
        }
    }

    /**
     * Prints PostgreSQL's plan of a prepared statement as a pooled connection runs it after a few executions
     * (when the server may switch to a generic plan), with its planning and execution times.
     */
    private static void explain(Connection db, String what, String statement, String values) throws SQLException {
        Bench.print("EXPERIMENT: EXPLAIN ANALYZE of %s, the 7th execution of a prepared statement:", what);
        try (Statement s = db.createStatement()) {
            s.execute("PREPARE explained " + statement);
            for (int i = 0; i < 6; i++) {
                s.execute("EXECUTE explained (" + values + ")");
            }
            try (ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE explained (" + values + ")")) {
                while (rs.next()) {
                    Bench.print("    %s", rs.getString(1));
                }
            }
            s.execute("DEALLOCATE explained");
        }
    }

    /**
     * Waits until Sentral and its database are idle again after the import (autovacuum, the switchboard's reloads
     * of the imported company), so that neither the REST rounds nor the peer after them share the cores with it:
     * idle = less than 10 % of a core in 2 s. Prints how long that took.
     */
    private void settle() {
        long t0 = System.nanoTime();
        boolean idle = Bench.await(Duration.ofMinutes(2), 0, () -> {
            double before = DoubleStream.of(karaf.cpuSeconds()).sum();
            Bench.sleep(2_000);
            return DoubleStream.of(karaf.cpuSeconds()).sum() - before < 0.2;
        });
        Bench.print("Sentral and PostgreSQL %s after %.0f s", idle ? "idle" : "still busy (measured anyway)",
                Bench.seconds(System.nanoTime() - t0));
    }

    /** Runs a diagnostic command (jcmd) in the Karaf JVM. */
    private void jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(karaf.pid().orElseThrow())));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
        }
    }

    /** The milliseconds of each measured call, and the CPU the run took per call in each process. */
    private record Measured(List<Double> times, double serverMs, double databaseMs, double clientMs, double damonMs) {

        String cpu() {
            return Bench.fmt("CPU per request: Sentral JVM %.2f ms, PostgreSQL %.2f ms, bench client %.2f ms;"
                    + " kernel kdamond %.0f ms in the round", serverMs, databaseMs, clientMs, damonMs);
        }
    }

    /** The list's cursor: what its "next" holds (the sort keys of the last row, base64url). */
    private static String cursor(String number, String id) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString((number + '\u001f' + id)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    /**
     * Runs {@code call} REQUESTS times from CLIENTS threads after a warm-up round of the same size (with 50 per
     * client the JIT was still compiling the REST path: the first row measured cost twice the CPU per page of the
     * later ones); returns each call's milliseconds and
     * the CPU time the Karaf JVM, PostgreSQL and this JVM spent in the measured round, per call.
     */
    private Measured measure(Call call) throws Exception {
        round(call, null);
        return measured(call);
    }

    /** One measured round of {@code call} (no warm-up of its own): each call's milliseconds and the CPU per call. */
    private Measured measured(Call call) throws Exception {
        long self = ProcessHandle.current().pid();
        double[] before = karaf.cpuSeconds();
        double clientBefore = Karaf.cpuSeconds(self);
        double damonBefore = Damon.cpuSeconds();
        List<Double> times = Collections.synchronizedList(new ArrayList<>());
        round(call, times);
        double[] server = karaf.cpuSeconds();
        double perCall = 1000.0 / times.size();
        return new Measured(times, (server[0] - before[0]) * perCall, (server[1] - before[1]) * perCall,
                (Karaf.cpuSeconds(self) - clientBefore) * perCall, (Damon.cpuSeconds() - damonBefore) * 1000);
    }

    /** REQUESTS calls from CLIENTS threads; each one's milliseconds go into {@code times} unless that is null. */
    private static void round(Call call, List<Double> times) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < REQUESTS / CLIENTS; i++) {
                        long t0 = System.nanoTime();
                        call.run();
                        if (times != null) {
                            times.add((System.nanoTime() - t0) / 1e6);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A status and the body's bytes, read whole (decoded only to report an error). */
    private record Answer(int status, byte[] body) {

        String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * A GET of JSON logged in by one header (Authorization, or the session's Cookie). Blocking, on a connection
     * kept alive per client thread (HttpURLConnection's keep-alive cache, sized for every client in main): the
     * JDK's asynchronous HttpClient took 0.8 ms of CPU per request where the JDBC peer's client takes 0.2 ms,
     * CPU taken from the server on the same two cores.
     */
    private Answer get(String path, String header, String value) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + karaf.httpPort + path).toURL()
                .openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(30_000);
        c.setRequestProperty("Accept", "application/json");
        c.setRequestProperty(header, value);
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
        }
    }

    private HttpResponse<String> post(String path, String csv) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + karaf.httpPort + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(csv)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expect200(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("import answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(2000, r.body().length())));
        }
    }

    /** The embedded PostgreSQL of this Sentral: its port is in the data directory's postmaster.pid. */
    private Connection database() throws SQLException {
        try {
            String port = Files.readAllLines(karaf.base.resolve("data/postgresql/data/postmaster.pid")).get(3).strip();
            return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/sentral", "postgres", "");
        } catch (IOException e) {
            throw new SQLException("no postmaster.pid: is the embedded PostgreSQL running?", e);
        }
    }

    private static long count(Connection db, String sql) {
        return Long.parseLong(one(db, sql));
    }

    private static String one(Connection db, String sql) {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Norwegian mobile numbers 4000 0000 and up: valid for libphonenumber, unlike any demo number. */
    private static String mobile(int i) {
        return Integer.toString(40_000_000 + i);
    }

    private static String iccid(int series, int i) {
        String body = String.format("89470%d%012d", series, i);
        for (char d = '0'; d <= '9'; d++) {
            String candidate = body + d;
            int sum = 0;
            for (int k = candidate.length() - 1, n = 0; k >= 0; k--, n++) {
                int v = candidate.charAt(k) - '0';
                sum += n % 2 == 1 ? (v * 2 > 9 ? v * 2 - 9 : v * 2) : v;
            }
            if (sum % 10 == 0) {
                return candidate;
            }
        }
        throw new IllegalStateException();
    }
}
