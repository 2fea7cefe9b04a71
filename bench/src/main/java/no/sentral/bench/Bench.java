package no.sentral.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/** What every benchmark needs besides Karaf and JMS: paths, free ports, waiting, statistics, printing. */
final class Bench {

    /** The repository root; bench/run starts the JVM there. */
    static final Path ROOT = Path.of(System.getProperty("sentral.root", ".")).toAbsolutePath().normalize();
    static final Path SENTRAL_TARBALL = ROOT.resolve("karaf-assembly/target/sentral-0.1.0-SNAPSHOT.tar.gz");
    static final Path STOCK_TARBALL = ROOT.resolve("bench/target/peer/apache-karaf-4.4.10.tar.gz");

    private Bench() {
    }

    /**
     * A private temp directory holding a copy of the tarball: other engineers may rebuild the
     * distribution while a benchmark runs, and unpacking a half-written tar.gz would fail.
     */
    static Path workDir(Path... tarballs) throws IOException {
        Path dir = Files.createTempDirectory("sentral-bench-");
        for (Path tarball : tarballs) {
            if (!Files.isRegularFile(tarball)) {
                throw new IllegalStateException(tarball + " is missing (see bench/README.md)");
            }
            Files.copy(tarball, dir.resolve(tarball.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
        return dir;
    }

    /** Ends the JVM (and so, through the shutdown hooks, every Karaf it started) if a benchmark overruns. */
    static void watchdog(Duration limit) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(limit.toMillis());
                System.err.println("benchmark exceeded " + limit + ", stopping");
                System.exit(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "watchdog");
        t.setDaemon(true);
        t.start();
    }

    /** Ports nobody listens on now; never the defaults a developer's Sentral may be using. */
    static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** Polls every {@code pollMillis} until the condition holds; false when the time is up. */
    static boolean await(Duration timeout, long pollMillis, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > end) {
                return false;
            }
            sleep(pollMillis);
        }
    }

    static void require(String what, Duration timeout, long pollMillis, BooleanSupplier condition) {
        if (!await(timeout, pollMillis, condition)) {
            throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile; NaN for no values. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static void print(String format, Object... args) {
        System.out.println(fmt(format, args));
        System.out.flush();
    }

    static String verdict(boolean ok) {
        return ok ? "OK" : "MISSED";
    }

    /** The header every benchmark prints, so a pasted figure says when and where it was taken. */
    static void header(String name) {
        print("== Sentral benchmark: %s — %s, %d cores, %s %s, Java %s", name, java.time.ZonedDateTime.now()
                        .withNano(0), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.version"));
        print("%s", Damon.describe());
        Damon.apply();
    }
}
