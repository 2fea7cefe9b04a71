package no.sentral.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The kernel's DAMON monitors (kdamond threads), which some virtual machines run for proactive reclaim. On the
 * machines these figures come from one pages out cold memory, sampling which pages are used every 500 ms: every
 * ~550 ms it took ~25 ms of a core at once, and the list benchmark's slow requests came in bursts at exactly
 * that rhythm (its p99 went from 37 ms to 66-79 ms; {@code perf sched} showed kdamond.0 on a core at each burst).
 * Every benchmark prints whether it runs, how much CPU it took, and {@code -Ddamon=off} turns it off for the
 * run (root only, restored afterwards) so that a figure can be taken on a quiet machine too.
 */
final class Damon {

    private static final Path KDAMONDS = Path.of("/sys/kernel/mm/damon/admin/kdamonds");

    private Damon() {
    }

    /** What the header prints: whether any monitor runs, with its operations, actions and intervals. */
    static String describe() {
        List<String> on = new ArrayList<>();
        for (Path k : monitors()) {
            if ("on".equals(read(k.resolve("state")))) {
                Path context = k.resolve("contexts/0");
                Path intervals = context.resolve("monitoring_attrs/intervals");
                on.add(Bench.fmt("kdamond %s (%s, %s, sampling every %s ms, aggregating every %s ms)", k.getFileName(),
                        read(context.resolve("operations")), actions(context), millis(read(intervals.resolve("sample_us"))),
                        millis(read(intervals.resolve("aggr_us")))));
            }
        }
        return on.isEmpty() ? "kernel DAMON: not running" : "kernel DAMON running: " + String.join("; ", on)
                + " (-Ddamon=off for a run without it)";
    }

    /** Applies {@code -Ddamon=off}: turns every running monitor off until this JVM ends. */
    static void apply() {
        if (!"off".equals(System.getProperty("damon"))) {
            return;
        }
        List<Path> stopped = new ArrayList<>();
        for (Path k : monitors()) {
            if ("on".equals(read(k.resolve("state")))) {
                write(k.resolve("state"), "off");
                stopped.add(k);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopped.forEach(k -> write(k.resolve("state"), "on")),
                "damon-restore"));
        Bench.print("EXPERIMENT: kernel DAMON turned off for this run (%d monitor(s), turned on again at the end)",
                stopped.size());
    }

    /** CPU seconds the kernel's kdamond threads have used. */
    static double cpuSeconds() {
        return Karaf.processes().filter(pid -> read(Path.of("/proc", pid.toString(), "comm")).startsWith("kdamond"))
                .mapToDouble(Karaf::cpuSeconds).sum();
    }

    private static List<Path> monitors() {
        if (!Files.isDirectory(KDAMONDS)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(KDAMONDS)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String actions(Path context) {
        try (Stream<Path> schemes = Files.list(context.resolve("schemes"))) {
            List<String> actions = schemes.filter(Files::isDirectory).map(s -> read(s.resolve("action"))).toList();
            return actions.isEmpty() ? "monitoring only" : String.join("+", actions);
        } catch (IOException e) {
            return "?";
        }
    }

    private static String millis(String micros) {
        try {
            return Long.toString(Long.parseLong(micros) / 1000);
        } catch (NumberFormatException e) {
            return "?";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Path file, String value) {
        try {
            Files.writeString(file, value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + " (root only): " + e.getMessage(), e);
        }
    }
}
