package no.sentral.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One unpacked Karaf distribution (Sentral or stock) on its own free ports, started with its own
 * bin/start and stopped with bin/stop. Closing it also kills whatever it left behind (the Karaf
 * JVM, the embedded PostgreSQL) and deletes the directory; a shutdown hook does the same if the
 * benchmark is interrupted, so no process of ours outlives the run.
 */
final class Karaf implements AutoCloseable {

    /** USER_HZ, the unit of /proc/{pid}/stat's CPU times: 100 on every Linux architecture Java runs on. */
    private static final int CLOCK_TICKS = 100;
    private static final Pattern ARTEMIS_ACCEPTOR = Pattern.compile("tcp://127\\.0\\.0\\.1:\\d+");

    final Path base;
    final int httpPort;
    final int sshPort;
    final int brokerPort;
    /** JVM options replacing the distribution's EXTRA_JAVA_OPTS default (bin/setenv); null keeps its own. */
    String javaOpts;
    private final Thread cleanupHook;

    private Karaf(Path base, int[] ports) {
        this.base = base;
        this.httpPort = ports[0];
        this.sshPort = ports[1];
        this.brokerPort = ports[4];
        this.cleanupHook = new Thread(this::killLeftovers, "karaf-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupHook);
    }

    /** Unpacks {@code tarball} into a fresh directory under {@code workDir} and moves every port off the defaults. */
    static Karaf unpack(Path tarball, Path workDir, String name) throws IOException, InterruptedException {
        Path base = Files.createDirectories(workDir.resolve(name)).toRealPath();
        run(List.of("tar", "-xzf", tarball.toString(), "-C", base.toString(), "--strip-components=1"), base, 120);
        int[] ports = Bench.freePorts(5);   // http, ssh, rmi registry, rmi server, broker
        Path etc = base.resolve("etc");
        setProperty(etc.resolve("org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", ports[0]);
        setProperty(etc.resolve("org.apache.karaf.shell.cfg"), "sshPort", ports[1]);
        setProperty(etc.resolve("org.apache.karaf.shell.cfg"), "sshHost", "127.0.0.1");
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryPort", ports[2]);
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerPort", ports[3]);
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiRegistryHost", "127.0.0.1");
        setProperty(etc.resolve("org.apache.karaf.management.cfg"), "rmiServerHost", "127.0.0.1");
        Path artemis = etc.resolve("artemis.xml");
        if (Files.exists(artemis)) {
            String xml = Files.readString(artemis);
            Matcher m = ARTEMIS_ACCEPTOR.matcher(xml);
            if (!m.find()) {
                throw new IllegalStateException("no tcp://127.0.0.1:<port> acceptor in " + artemis);
            }
            Files.writeString(artemis, artemisExperiments(m.replaceAll("tcp://127.0.0.1:" + ports[4])));
            Files.writeString(etc.resolve("no.sentral.broker.cfg"), "url = tcp://127.0.0.1:" + ports[4]
                    + "?reconnectAttempts=-1&retryInterval=500&initialConnectAttempts=20\n");
        }
        for (String setting : System.getProperty("setting", "").split(";")) {
            if (setting.isBlank()) {
                continue;
            }
            // -Dsetting="no.sentral.datasource.cfg:poolSize=4;...": experiments on settings, made before the first start.
            Matcher m = Pattern.compile("([^:]+\\.cfg):([^=]+)=(.*)").matcher(setting.strip());
            if (!m.matches() || !Files.exists(etc.resolve(m.group(1)))) {
                throw new IllegalArgumentException("-Dsetting wants file.cfg:key=value of a shipped etc/ file: " + setting);
            }
            setProperty(etc.resolve(m.group(1)), m.group(2).strip(), m.group(3).strip());
            Bench.print("EXPERIMENT: %s = %s in etc/%s (not Sentral's configuration)", m.group(2).strip(),
                    m.group(3).strip(), m.group(1));
        }
        return new Karaf(base, ports);
    }

    /**
     * For experiments on what bounds the figures, e.g. -Dartemis.journal-buffer-timeout=500000: replaces the
     * element's value in etc/artemis.xml, or adds the element. Made before the first start, since the broker
     * reads the file only when it starts.
     */
    private static String artemisExperiments(String xml) {
        for (String key : System.getProperties().stringPropertyNames()) {
            if (!key.startsWith("artemis.")) {
                continue;
            }
            String element = key.substring("artemis.".length());
            String setting = "<" + element + ">" + System.getProperty(key) + "</" + element + ">";
            Pattern existing = Pattern.compile("<" + element + ">[^<]*</" + element + ">");
            xml = existing.matcher(xml).find() ? existing.matcher(xml).replaceAll(setting)
                    : xml.replace("<journal-type>", setting + "\n      <journal-type>");
            Bench.print("EXPERIMENT: %s in etc/artemis.xml (not Sentral's configuration)", setting);
        }
        return xml;
    }

    /** Sets {@code key = value} in a Karaf .cfg file (files the distribution lacks are left alone). */
    static void setProperty(Path cfg, String key, Object value) throws IOException {
        if (!Files.exists(cfg)) {
            return;
        }
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=.*$", Pattern.MULTILINE);
        String text = Files.readString(cfg);
        String setting = key + " = " + value;
        Matcher m = line.matcher(text);
        text = m.find() ? m.replaceAll(Matcher.quoteReplacement(setting)) : text + "\n" + setting + "\n";
        Files.writeString(cfg, text);
    }

    /** Runs bin/start (which returns at once) and gives the System.nanoTime() just before it. */
    long start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(base.resolve("bin/start").toString()).directory(base.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("bench-start.log").toFile()));
        // The distribution's own defaults (bin/setenv) must apply, not whatever the bench's shell exports.
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("KARAF_") || k.startsWith("JAVA_M") || k.equals("EXTRA_JAVA_OPTS")
                || k.equals("JAVA_OPTS") || k.equals("SENTRAL_ADMIN_PASSWORD"));
        if (javaOpts != null) {
            env.put("EXTRA_JAVA_OPTS", javaOpts);
        }
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("bin/start failed in " + base + " (see bench-start.log)");
        }
        return t0;
    }

    /** Graceful stop through bin/stop; waits for the JVM to end, then kills anything left. */
    void stop() throws IOException, InterruptedException {
        OptionalLong pid = pid();
        if (pid.isPresent()) {
            run(List.of(base.resolve("bin/stop").toString()), base, 60);
            Bench.await(Duration.ofSeconds(60), 200, () -> ProcessHandle.of(pid.getAsLong()).map(h -> !h.isAlive()).orElse(true));
        }
        killLeftovers();
    }

    /** The Karaf JVM: the java process whose command line names this karaf.base. */
    OptionalLong pid() {
        String marker = "-Dkaraf.base=" + base;
        return processes().filter(pid -> {
            String cmd = cmdline(pid);
            return cmd.contains(marker) && cmd.contains("java");
        }).findFirst().map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** The heap and GC flags the Karaf JVM runs with, so RSS figures can be read against them. */
    String jvmFlags() {
        List<String> flags = pid().stream().mapToObj(Karaf::cmdline).flatMap(cmd -> Stream.of(cmd.split(" ")))
                .filter(t -> t.startsWith("-Xm") || t.matches("-XX:\\+Use\\w*GC")).distinct().toList();
        boolean heapLimit = flags.stream().anyMatch(f -> f.startsWith("-Xmx"));
        return (String.join(" ", flags) + (heapLimit ? "" : " (no -Xmx: max heap is the JVM default, 1/4 of RAM)")).trim();
    }

    /** Resident memory of the Karaf JVM in MiB (VmRSS), or NaN when it is not running. */
    double rssMb() {
        OptionalLong pid = pid();
        if (pid.isEmpty()) {
            return Double.NaN;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid.getAsLong()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /**
     * CPU seconds (user + system) used so far by the Karaf JVM and by this distribution's PostgreSQL processes
     * (the server and its backends, found as {@link #killLeftovers} finds them); {0, 0} parts when not running.
     */
    double[] cpuSeconds() {
        long karaf = pid().orElse(-1);
        long self = ProcessHandle.current().pid();
        double[] seconds = new double[2];
        processes().filter(pid -> pid != self).filter(this::belongsHere)
                .forEach(pid -> seconds[pid == karaf ? 0 : 1] += cpuSeconds(pid));
        return seconds;
    }

    /**
     * CPU seconds the whole machine has been busy (every field of /proc/stat's "cpu" line but idle and
     * iowait), so that a round can tell what processes other than ours took from the same cores.
     */
    static double machineBusySeconds() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            // cpu user nice system idle iowait irq softirq steal (guest time is already in user)
            for (int i = 1; i <= 8 && i < fields.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Seconds the Karaf JVM has spent in garbage collection so far (jstat's GCT), NaN when unknown. */
    double gcSeconds() {
        OptionalLong pid = pid();
        if (pid.isEmpty()) {
            return Double.NaN;
        }
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
                    Long.toString(pid.getAsLong())).redirectErrorStream(true).start();
            String[] lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || lines.length < 2) {
                return Double.NaN;
            }
            String[] header = lines[0].trim().split("\\s+");
            String[] values = lines[1].trim().split("\\s+");
            for (int i = 0; i < header.length && i < values.length; i++) {
                if (header[i].equals("GCT")) {
                    return Double.parseDouble(values[i]);
                }
            }
            return Double.NaN;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** CPU seconds (user + system) of one process so far, from /proc/{pid}/stat; 0 when it is gone. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start at state; utime and stime are 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** True when GET http://127.0.0.1:{httpPort}{path} answers 200. */
    boolean http200(String path) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + httpPort + path).toURL().openConnection();
            c.setConnectTimeout(1_000);
            c.setReadTimeout(10_000);
            try {
                return c.getResponseCode() == 200;
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** True when something accepts TCP connections on 127.0.0.1:{port}. */
    static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Sentral's admin password, written by its first start. */
    String adminPassword() {
        Path file = base.resolve("etc/admin.password");
        Bench.require("etc/admin.password", Duration.ofSeconds(120), 100, () -> {
            try {
                return Files.exists(file) && !Files.readString(file).isBlank();
            } catch (IOException e) {
                return false;
            }
        });
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a fresh Sentral and waits for /api/v1/health; returns seconds from bin/start to 200. */
    double startSentral(Duration timeout) throws IOException, InterruptedException {
        long t0 = start();
        Bench.require("Sentral /api/v1/health = 200 in " + base, timeout, 100, () -> http200("/api/v1/health"));
        return Bench.seconds(System.nanoTime() - t0);
    }

    /**
     * Unpacks and starts a fresh Sentral; if that first boot never gets healthy, says why and tries
     * once more with a fresh unpack (the benchmarks using this measure something else than boot).
     */
    static Karaf freshSentral(Path tarball, Path workDir, Duration timeout) throws IOException, InterruptedException {
        return freshSentral(tarball, workDir, timeout, null);
    }

    /** As above, with {@code javaOpts} instead of the distribution's heap and GC flags (null: its own). */
    static Karaf freshSentral(Path tarball, Path workDir, Duration timeout, String javaOpts)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Karaf karaf = unpack(tarball, workDir, "sentral-" + attempt);
            karaf.javaOpts = javaOpts;
            try {
                Bench.print("Sentral ready after %.1f s", karaf.startSentral(timeout));
                return karaf;
            } catch (IllegalStateException e) {
                Bench.print("WARNING: Sentral's first boot was not healthy after %d s (%s); %s", timeout.toSeconds(),
                        karaf.firstError(), attempt < 2 ? "retrying with a fresh unpack" : "giving up");
                karaf.close();
                if (attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    /** The first ERROR of the Karaf log with the line after it (usually the exception), to say why a boot failed. */
    String firstError() {
        try {
            List<String> lines = Files.readAllLines(base.resolve("data/log/karaf.log"));
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("| ERROR |")) {
                    String line = lines.get(i);   // time | level | thread | logger | bundle | message
                    String error = line.substring(0, line.indexOf(' ')) + " " + line.substring(line.lastIndexOf("| ") + 2);
                    return error.trim() + (i + 1 < lines.size() ? " / " + lines.get(i + 1).trim() : "");
                }
            }
            return "no ERROR in data/log/karaf.log";
        } catch (IOException e) {
            return "no data/log/karaf.log";
        }
    }

    /**
     * Kills what this distribution left running: processes whose command line names its directory
     * (the Karaf JVM, zonky's unshare/postgres) or whose working directory is inside it (PostgreSQL's
     * worker processes). TERM first so PostgreSQL can shut down, KILL after a grace period.
     */
    void killLeftovers() {
        List<ProcessHandle> ours = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        processes().filter(pid -> pid != self).filter(this::belongsHere)
                .forEach(pid -> ProcessHandle.of(pid).ifPresent(ours::add));
        if (ours.isEmpty()) {
            return;
        }
        ours.forEach(ProcessHandle::destroy);
        Bench.await(Duration.ofSeconds(10), 100, () -> ours.stream().noneMatch(ProcessHandle::isAlive));
        ours.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private boolean belongsHere(long pid) {
        if (cmdline(pid).contains(base.toString())) {
            return true;
        }
        try {
            return Path.of("/proc", Long.toString(pid), "cwd").toRealPath().startsWith(base);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /** Stops (if running), kills leftovers and deletes the unpacked directory. */
    @Override
    public void close() {
        try {
            stop();
        } catch (Exception e) {
            System.err.println("stop failed for " + base + ": " + e);
        } finally {
            killLeftovers();
            Runtime.getRuntime().removeShutdownHook(cleanupHook);
            deleteTree(base);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    /** The pids of the machine's processes now. */
    static Stream<Long> processes() {
        try {
            return Files.list(Path.of("/proc")).map(p -> p.getFileName().toString())
                    .filter(n -> n.chars().allMatch(Character::isDigit)).map(Long::parseLong).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    private static void run(List<String> command, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
        }
    }
}
