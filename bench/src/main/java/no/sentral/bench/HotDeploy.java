package no.sentral.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;

/**
 * Hot deployment: seconds from a file landing in deploy/ until it has done its work, for both
 * kinds of Sentral route file, next to Karaf's own hot deployment of a trivial Blueprint file in
 * the same Karaf, in the same run.
 *
 * <p>Sentral: an event for tenant {@code bench} is published while the route is away (it waits in
 * the route's durable queue); the clock runs from the file's arrival in deploy/ until the event's
 * output exists (data/partner-drop/bench/&lt;id&gt;.json, or its line in
 * data/partner-log/greetings.jsonl; relative paths resolve against the Karaf base, where bin/karaf
 * runs). Peer: a Blueprint file whose only bean writes to a marker file, so the
 * marker appears the moment Karaf has installed the bundle and its Blueprint container has created
 * its beans — the same FileInstall poll, Blueprint transform, bundle install/start and container
 * creation the Sentral Blueprint file goes through, without anything of Sentral's.
 */
public final class HotDeploy {

    private static final int ROUNDS = Integer.getInteger("rounds", 5);
    private static final double TARGET_S = 2.0;
    private static final String ADDRESS = "sentral.demo.greeting";
    private static final String TENANT = "bench";
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    /** Lets FileInstall finish an uninstall before the same file name comes back. */
    private static final long SETTLE_MILLIS = 2_000;
    /** FileInstall polls every 500 ms: a random extra pause spreads the drops over its poll phase. */
    private static final int POLL_MILLIS = 500;
    private static final Random RANDOM = new Random();

    /** One deployable file and how to tell that it handled an event (given its id and the unique text in its data). */
    private record Variant(String label, Path source, String queue, BiPredicate<String, String> done) {
    }

    public static void main(String[] args) throws Exception {
        Bench.header("hotdeploy (" + ROUNDS + " rounds each, medians)");
        Bench.watchdog(Duration.ofMinutes(20));
        Path work = Bench.workDir(Bench.SENTRAL_TARBALL);
        List<Double> blueprint;
        List<Double> routesFile;
        List<Double> peer;
        try (Karaf karaf = Karaf.freshSentral(work.resolve(Bench.SENTRAL_TARBALL.getFileName()), work,
                Duration.ofSeconds(120))) {
            try (Jms jms = new Jms(karaf.brokerPort, "admin", karaf.adminPassword())) {
                Path drop = karaf.base.resolve("data/partner-drop/" + TENANT);
                Path log = karaf.base.resolve("data/partner-log/greetings.jsonl");
                blueprint = sentralRounds(karaf, jms, new Variant("Blueprint file (greeting-file-drop.xml)",
                        Bench.ROOT.resolve("blueprints/greeting-file-drop.xml"),
                        Jms.subscriptionQueue(ADDRESS + "@greeting-file-drop"),
                        (id, text) -> Files.exists(drop.resolve(id + ".json"))));
                routesFile = sentralRounds(karaf, jms, new Variant("Camel XML file (greeting-archive.routes.xml)",
                        Bench.ROOT.resolve("blueprints/greeting-archive.routes.xml"),
                        Jms.subscriptionQueue(ADDRESS + "@greeting-log"),
                        (id, text) -> contains(log, text)));   // the route writes the event's data only
            }
            peer = peerRounds(karaf, work);
        } finally {
            Karaf.deleteTree(work);
        }
        report(blueprint, routesFile, peer);
    }

    /** Deploys once to prove the file works (and create its durable queue), then measures ROUNDS cold deployments. */
    private static List<Double> sentralRounds(Karaf karaf, Jms jms, Variant v) throws Exception {
        Path target = karaf.base.resolve("deploy").resolve(v.source.getFileName());
        deploy(karaf, v.source, target);
        Bench.require(v.label + " consuming", STEP_TIMEOUT, 50, () -> jms.consumerCount(v.queue) > 0);
        String firstText = UUID.randomUUID().toString();
        String first = jms.publish(ADDRESS, TENANT, firstText);
        Bench.require(v.label + " handling an event (output under " + karaf.base.resolve("data") + ")", STEP_TIMEOUT, 20,
                () -> v.done.test(first, firstText));
        undeploy(target, () -> jms.consumerCount(v.queue) == 0);

        List<Double> seconds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            String text = UUID.randomUUID().toString();
            String id = jms.publish(ADDRESS, TENANT, text);   // waits in the durable queue
            if (v.done.test(id, text)) {
                throw new IllegalStateException(v.label + " handled an event while it was not deployed");
            }
            long t0 = deploy(karaf, v.source, target);
            Bench.require(v.label + " handling event " + id, STEP_TIMEOUT, 5, () -> v.done.test(id, text));
            seconds.add(Bench.seconds(System.nanoTime() - t0));
            undeploy(target, () -> jms.consumerCount(v.queue) == 0);
        }
        Bench.print("%-46s %s s", v.label, format(seconds));
        return seconds;
    }

    /** Karaf's own hot deployment: a trivial Blueprint file, done when its bean has created the marker. */
    private static List<Double> peerRounds(Karaf karaf, Path work) throws Exception {
        Path marker = karaf.base.resolve("data/bench-peer.marker");
        Path source = work.resolve("bench-peer.xml");
        Files.writeString(source, """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Peer of the hot deployment benchmark: creating this bean creates the (empty) marker file,
                     destroying it writes a line into it (autoflush), so both ends are visible from outside. -->
                <blueprint xmlns="http://www.osgi.org/xmlns/blueprint/v1.0.0">
                  <bean id="marker" class="java.io.PrintWriter" destroy-method="println">
                    <argument>
                      <bean class="java.io.FileOutputStream"><argument type="java.lang.String" value="%s"/></bean>
                    </argument>
                    <argument type="boolean" value="true"/>
                  </bean>
                </blueprint>
                """.formatted(marker));
        Path target = karaf.base.resolve("deploy/bench-peer.xml");
        List<Double> seconds = new ArrayList<>();
        for (int round = 0; round <= ROUNDS; round++) {   // round 0 warms Karaf's Blueprint path up, like the Sentral variants
            Files.deleteIfExists(marker);
            long t0 = deploy(karaf, source, target);
            Bench.require("trivial Blueprint bean created", STEP_TIMEOUT, 5, () -> Files.exists(marker));
            if (round > 0) {
                seconds.add(Bench.seconds(System.nanoTime() - t0));
            }
            undeploy(target, () -> size(marker) > 0);   // the container destroyed its bean
        }
        Bench.print("%-46s %s s", "peer: trivial Blueprint file (Karaf only)", format(seconds));
        return seconds;
    }

    /** Copies beside deploy/, then moves in atomically, so FileInstall never sees half a file. Gives t0. */
    private static long deploy(Karaf karaf, Path source, Path target) throws IOException {
        Path staged = karaf.base.resolve(target.getFileName() + ".staged");
        Files.copy(source, staged, StandardCopyOption.REPLACE_EXISTING);
        long t0 = System.nanoTime();
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        return t0;
    }

    private static void undeploy(Path target, BooleanSupplier gone) throws IOException {
        Files.delete(target);
        Bench.require(target.getFileName() + " undeployed", STEP_TIMEOUT, 50, gone);
        Bench.sleep(SETTLE_MILLIS + RANDOM.nextInt(POLL_MILLIS));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.exists(file) && Files.readString(file).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static String format(List<Double> seconds) {
        return seconds.stream().map(s -> Bench.fmt("%.2f", s)).reduce((a, b) -> a + " " + b).orElse("");
    }

    private static void report(List<Double> blueprint, List<Double> routesFile, List<Double> peer) {
        double peerMedian = Bench.median(peer);
        Bench.print("");
        Bench.print("%-46s %9s %9s %9s %8s %8s", "median of " + ROUNDS + " rounds", "median s", "min s", "max s", "ratio",
                "< 2 s");
        row("Sentral Blueprint file -> event handled", blueprint, peerMedian, true);
        row("Sentral Camel XML file -> event handled", routesFile, peerMedian, true);
        row("peer: Karaf trivial Blueprint file -> bean", peer, peerMedian, false);
        Bench.print("(ratio = Sentral / peer; every figure includes the wait for FileInstall's next 0.5 s poll,"
                + " 0-0.5 s: drops are spread at random over the poll phase)");
    }

    private static void row(String label, List<Double> seconds, double peerMedian, boolean target) {
        double median = Bench.median(seconds);
        Bench.print("%-46s %9.2f %9.2f %9.2f %8s %8s", label, median, Bench.percentile(seconds, 0),
                Bench.percentile(seconds, 100), target ? Bench.fmt("%.2f", median / peerMedian) : "peer",
                target ? Bench.verdict(median < TARGET_S) : "");
    }
}
