package no.sentral.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Test;

/**
 * The distribution as an operator runs it, outside Pax Exam: {@code bin/karaf server} with the demo
 * company and its call simulator (what {@code ./sentral start} sets up). Its first boot, a restart of
 * the switchboard bundle from the shell (logged in with the admin's key, as {@code ./sentral shell}
 * does), and a restart after the JVM was killed with {@code kill -9} must not log a single ERROR line.
 * The demo company, seeded through the public REST API by the {@code sentral-demo} bundle alone, is
 * complete; a seeding that is resumed (its end mark removed before the kill) duplicates nothing.
 */
public class CleanLogIT {

    private static final Duration BOOT_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path base;
    private int httpPort;
    private int sshPort;
    private Process karaf;

    @Test
    public void firstBootAndRestartAfterKillLogNoError() throws Exception {
        base = unpack();
        Files.writeString(base.resolve("etc/no.sentral.demo.cfg"), "tenant = demo\nname = Demo Bedrift AS\n");

        start();
        awaitLog(0, "demo switchboard seeded");
        awaitLog(0, "call simulator calling");
        Thread.sleep(SETTLE.toMillis());
        assertEquals("ERROR lines of the first boot", List.of(), errors(0));
        assertDemoCompanyComplete();

        int mark = log().size();
        assertEquals("", shell("bundle:restart sentral-switchboard"));
        awaitLog(mark, "telephony adapter no.sentral.simulator connected");
        Thread.sleep(SETTLE.toMillis());
        assertEquals("ERROR lines of a restart of the switchboard", List.of(), errors(mark));

        mark = log().size();
        Files.delete(base.resolve("data/sentral/demo-seeded"));
        ProcessHandle jvm = jvm();
        jvm.destroyForcibly();
        await("the Karaf JVM killed", () -> !jvm.isAlive());
        karaf.waitFor(30, TimeUnit.SECONDS);

        start();
        awaitLog(mark, "demo switchboard seeded");
        awaitLog(mark, "call simulator calling");
        Thread.sleep(SETTLE.toMillis());
        assertEquals("ERROR lines of the restart after kill -9", List.of(), errors(mark));
        assertDemoCompanyComplete();
    }

    /**
     * The distribution ships its boot features installed (data/cache, made at build time). An admin who edits
     * featuresBoot before the first start gets exactly the edited features: sentral-prebuilt-boot drops the
     * shipped installation, and the features service installs the edited list from nothing.
     */
    @Test
    public void anEditedBootFeatureListIsInstalledAsEdited() throws Exception {
        base = unpack();
        Path cfg = base.resolve("etc/org.apache.karaf.features.cfg");
        String features = Files.readString(cfg);
        String edited = features.replaceFirst("sentral-demo/[^,]+,", "sentral-integration,");
        assertNotEquals("featuresBoot names sentral-demo", features, edited);
        Files.writeString(cfg, edited);

        start();
        Thread.sleep(SETTLE.toMillis());
        assertEquals("ERROR lines of a first boot with edited boot features", List.of(), errors(0));
        assertEquals("sentral-integration installed", 1, installed("sentral-integration"));
        assertEquals("sentral-demo not installed", 0, installed("sentral-demo"));
        assertFalse("the demo bundle gone", shell("bundle:list -s -t 0").contains("sentral-demo"));
        assertFalse("the prebuilt boot configuration is used once", Files.exists(base.resolve("data/prebuilt")));
    }

    /** How many installed features the shell lists under exactly this name. */
    private int installed(String feature) throws Exception {
        return (int) shell("feature:list -i --no-format").lines()
                .filter(line -> line.split("\\s+")[0].equals(feature)).count();
    }

    /** What the README promises of the demo company, read as an integrator would, with its API token. */
    private void assertDemoCompanyComplete() throws Exception {
        assertEquals(8, demo("/departments").size());
        assertEquals(50, demo("/employees?limit=1").get("total").asInt());
        assertEquals(55, demo("/subscriptions?limit=1").get("total").asInt());
        assertEquals(15, demo("/sims?status=IN_STOCK").size());
        assertEquals(3, demo("/contacts").size());
        assertEquals(List.of("kundeservice", "salg", "sentralbord"), demo("/switchboard/config/queues")
                .findValuesAsText("id").stream().sorted().toList());
        assertEquals(24, demo("/switchboard/config/numbers").size());
    }

    private JsonNode demo(String path) throws Exception {
        String token = Files.readAllLines(base.resolve("data/sentral/demo-credentials.txt")).stream()
                .filter(l -> l.startsWith("token ")).findFirst().orElseThrow().substring(6);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/api/v1" + path)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(path + ": " + response.body(), 200, response.statusCode());
        return new ObjectMapper().readTree(response.body());
    }

    @After
    public void stop() throws Exception {
        if (base == null) {
            return;
        }
        new ProcessBuilder(base.resolve("bin/stop").toString()).directory(base.toFile()).start()
                .waitFor(60, TimeUnit.SECONDS);
        if (karaf != null && !karaf.waitFor(60, TimeUnit.SECONDS)) {
            karaf.descendants().forEach(ProcessHandle::destroyForcibly);
            karaf.destroyForcibly();
        }
        // A JVM killed in the middle leaves its PostgreSQL behind; the test must not.
        Path pidFile = base.resolve("data/postgresql/data/postmaster.pid");
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Path unpack() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("project.build.directory", "target"), "clean-log");
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
            }
        }
        Files.createDirectories(dir);
        Process tar = new ProcessBuilder("tar", "-xzf", System.getProperty("sentral.it.distribution"), "-C",
                dir.toString(), "--strip-components=1").inheritIO().start();
        assertEquals("tar", 0, tar.waitFor());
        // Ports of its own, so that it runs next to the Pax Exam container and anything else on the machine.
        httpPort = freePort();
        setProperty(dir.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", httpPort);
        sshPort = freePort();
        setProperty(dir.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", sshPort);
        setProperty(dir.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", freePort());
        setProperty(dir.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", freePort());
        int broker = freePort();
        Path artemis = dir.resolve("etc/artemis.xml");
        Files.writeString(artemis, Files.readString(artemis).replaceAll("tcp://127\\.0\\.0\\.1:\\d+",
                "tcp://127.0.0.1:" + broker));
        setProperty(dir.resolve("etc/no.sentral.broker.cfg"), "url",
                "tcp://127.0.0.1:" + broker + "?reconnectAttempts=-1&retryInterval=500&initialConnectAttempts=20");
        return dir;
    }

    /** Sets {@code key = value} in a .cfg file, replacing the key's line if there is one. */
    private static void setProperty(Path cfg, String key, Object value) throws IOException {
        List<String> lines = new ArrayList<>(Files.exists(cfg) ? Files.readAllLines(cfg) : List.of());
        lines.removeIf(line -> line.matches("\\s*" + Pattern.quote(key) + "\\s*=.*"));
        lines.add(key + " = " + value);
        Files.write(cfg, lines);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** bin/karaf server, with the distribution's own JVM settings (bin/setenv), and waits until healthy. */
    private void start() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(base.resolve("bin/karaf").toString(), "server").directory(base.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        base.resolve("karaf-server.out").toFile()));
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("KARAF_") || k.startsWith("JAVA_M") || k.equals("EXTRA_JAVA_OPTS")
                || k.equals("JAVA_OPTS") || k.equals("SENTRAL_ADMIN_PASSWORD"));
        karaf = pb.start();
        await("Sentral healthy", () -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    /** Runs a shell command through bin/client with the admin's key, as ./sentral shell does; returns its output. */
    private String shell(String command) throws Exception {
        Process client = new ProcessBuilder(base.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                "-u", "admin", "-k", base.resolve("etc/admin.key").toString(), "-b").redirectErrorStream(true).start();
        client.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .replaceAll("(?m)^client: JAVA_HOME not set.*\n?", "");
        assertEquals(output, 0, client.waitFor());
        return output;
    }

    /** The Karaf JVM: bin/karaf runs it as its child. */
    private ProcessHandle jvm() {
        return karaf.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no Karaf JVM under bin/karaf"));
    }

    private List<String> log() {
        try {
            return Files.readAllLines(base.resolve("data/log/karaf.log"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Aries JMX whiteboard 1.2.0 (Karaf's management feature) sometimes registers an MBean twice when the
     * MBean server and the MBean appear at the same moment, and logs the second try as an ERROR: the
     * MBean is there. Karaf's race, not Sentral's; the one ERROR line this test lets pass.
     */
    private List<String> errors(int from) {
        List<String> lines = log();
        List<String> since = lines.subList(Math.min(from, lines.size()), lines.size());
        return since.stream().filter(l -> l.contains("| ERROR |"))
                .filter(l -> !(l.contains("MBeanHolder") && l.contains("register: Failure registering MBean")
                        && next(since, l).startsWith("javax.management.InstanceAlreadyExistsException")))
                .toList();
    }

    private static String next(List<String> lines, String line) {
        int i = lines.indexOf(line);
        return i + 1 < lines.size() ? lines.get(i + 1) : "";
    }

    private void awaitLog(int from, String text) throws InterruptedException {
        await("\"" + text + "\" in karaf.log", () -> {
            List<String> lines = log();
            return lines.subList(Math.min(from, lines.size()), lines.size()).stream().anyMatch(l -> l.contains(text));
        });
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOOT_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + BOOT_TIMEOUT.toMinutes() + " min waiting for " + what);
            }
            Thread.sleep(250);
        }
    }
}
