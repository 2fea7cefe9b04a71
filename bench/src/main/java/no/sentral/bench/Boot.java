package no.sentral.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Boot time and memory of Sentral next to stock Apache Karaf 4.4.10, measured in the same run.
 *
 * <p>Sentral: seconds from bin/start until /api/v1/health answers 200 (broker, database and
 * every Sentral bundle up), polled every 100 ms. Stock Karaf has no account and no HTTP, so its
 * "ready" is its SSH port accepting TCP connections, the last thing its boot features open. RSS is
 * VmRSS of the Karaf JVM right when ready and again 10 s later (boot leaves work behind: bundle
 * refreshes, JIT, the first GCs). Each round unpacks both fresh (first boot: Sentral creates its
 * passwords and initialises PostgreSQL), then stops and starts them again (restart).
 */
public final class Boot {

    private static final int ROUNDS = Integer.getInteger("rounds", 3);
    /** Sentral is ready in well under 30 s when all is well; a boot past this counts as failed, with its reason. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final double TARGET_BOOT_S = 15;
    private static final double TARGET_RSS_MB = 600;

    /** Seconds from bin/start to ready, and to the SSH port accepting connections (like for like with stock). */
    private record Timing(double ready, double ssh) {
    }

    /** One measurement: the timing and RSS at ready and 10 s later. */
    record Sample(double seconds, double sshSeconds, double rssReady, double rssLater) {
    }

    /** Every sample of one distribution, first boots and restarts apart. */
    static final class Series {
        final List<Sample> first = new ArrayList<>();
        final List<Sample> restart = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
    }

    private interface Readiness {
        Timing startAndWait(Karaf karaf) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        Bench.header("boot (" + ROUNDS + " rounds, medians)");
        Bench.watchdog(Duration.ofMinutes(30));
        Path work = Bench.workDir(Bench.SENTRAL_TARBALL, Bench.STOCK_TARBALL);
        Series sentral = new Series();
        Series stock = new Series();
        Readiness sentralReady = karaf -> {
            long t0 = karaf.start();
            double[] ssh = {Double.NaN};
            Bench.require("Sentral /api/v1/health = 200", READY_TIMEOUT, 100, () -> {
                if (Double.isNaN(ssh[0]) && Karaf.accepts(karaf.sshPort)) {
                    ssh[0] = Bench.seconds(System.nanoTime() - t0);
                }
                return karaf.http200("/api/v1/health");
            });
            double ready = Bench.seconds(System.nanoTime() - t0);
            if (Double.isNaN(ssh[0])) {
                Bench.require("Sentral SSH port", READY_TIMEOUT, 100, () -> Karaf.accepts(karaf.sshPort));
                ssh[0] = Bench.seconds(System.nanoTime() - t0);
            }
            return new Timing(ready, ssh[0]);
        };
        Readiness stockReady = karaf -> {
            long t0 = karaf.start();
            Bench.require("stock Karaf SSH port", READY_TIMEOUT, 100, () -> Karaf.accepts(karaf.sshPort));
            double ssh = Bench.seconds(System.nanoTime() - t0);
            return new Timing(ssh, ssh);
        };
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                measure("sentral", work.resolve(Bench.SENTRAL_TARBALL.getFileName()), work, round, sentralReady, sentral);
                measure("stock-karaf", work.resolve(Bench.STOCK_TARBALL.getFileName()), work, round, stockReady, stock);
            }
        } finally {
            Karaf.deleteTree(work);
        }
        report(sentral, stock);
    }

    private static void measure(String name, Path tarball, Path work, int round, Readiness ready, Series into)
            throws Exception {
        try (Karaf karaf = Karaf.unpack(tarball, work, name + "-" + round)) {
            Sample first;
            try {
                first = sample(karaf, ready);
            } catch (IllegalStateException e) {
                String reason = karaf.firstError();
                into.failures.add("round " + round + ": " + reason);
                Bench.print("round %d %-12s first boot FAILED: not ready after %d s (%s)", round, name,
                        READY_TIMEOUT.toSeconds(), reason);
                return;
            }
            if (round == 1) {
                Bench.print("%-12s JVM flags: %s", name, karaf.jvmFlags());
            }
            karaf.stop();
            Sample restart = sample(karaf, ready);
            into.first.add(first);
            into.restart.add(restart);
            Bench.print("round %d %-12s first boot %5.1f s, RSS %4.0f -> %4.0f MB | restart %5.1f s, RSS %4.0f -> %4.0f MB",
                    round, name, first.seconds, first.rssReady, first.rssLater,
                    restart.seconds, restart.rssReady, restart.rssLater);
        }
    }

    private static Sample sample(Karaf karaf, Readiness ready) throws Exception {
        Timing timing = ready.startAndWait(karaf);
        double rssReady = karaf.rssMb();
        Bench.sleep(10_000);
        return new Sample(timing.ready, timing.ssh, rssReady, karaf.rssMb());
    }

    private static void report(Series sentral, Series stock) {
        Bench.print("");
        Bench.print("%-28s %12s %12s %12s", "median of " + ROUNDS + " rounds", "Sentral", "stock Karaf", "ratio");
        row("first boot to ready, s", sentral.first, stock.first, Sample::seconds);
        row("first boot to SSH open, s", sentral.first, stock.first, Sample::sshSeconds);
        row("RSS at ready, MB", sentral.first, stock.first, Sample::rssReady);
        row("RSS 10 s later, MB", sentral.first, stock.first, Sample::rssLater);
        row("restart to ready, s", sentral.restart, stock.restart, Sample::seconds);
        row("restart RSS 10 s later, MB", sentral.restart, stock.restart, Sample::rssLater);
        for (Series series : List.of(sentral, stock)) {
            if (!series.failures.isEmpty()) {
                Bench.print("%s: %d of %d first boots FAILED (left out of the medians):", series == sentral
                        ? "Sentral" : "stock Karaf", series.failures.size(), ROUNDS);
                series.failures.forEach(f -> Bench.print("  %s", f));
            }
        }
        double boot = median(sentral.first, Sample::seconds);
        double rss = Math.max(median(sentral.first, Sample::rssLater), median(sentral.first, Sample::rssReady));
        Bench.print("");
        boolean allBooted = sentral.failures.isEmpty();
        Bench.print("target: Sentral first boot < %.0f s: %.1f s%s  %s", TARGET_BOOT_S, boot,
                allBooted ? "" : ", but " + sentral.failures.size() + " boot(s) failed",
                Bench.verdict(allBooted && boot < TARGET_BOOT_S));
        Bench.print("target: Sentral RSS < %.0f MB: %.0f MB  %s", TARGET_RSS_MB, rss, Bench.verdict(rss < TARGET_RSS_MB));
        Bench.print("(ready = Sentral /api/v1/health 200, stock Karaf its SSH port open; SSH open is like for like;"
                + " each JVM runs with the flags its own scripts give it)");
    }

    private static void row(String label, List<Sample> sentral, List<Sample> stock,
                            ToDoubleFunction<Sample> field) {
        double a = median(sentral, field);
        double b = median(stock, field);
        Bench.print("%-28s %12.1f %12.1f %11.2fx", label, a, b, a / b);
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> field) {
        return Bench.median(samples.stream().map(s -> field.applyAsDouble(s)).toList());
    }
}
