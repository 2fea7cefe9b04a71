package no.sentral.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;

/**
 * CloudEvents per second through a Sentral Camel route (consume from Artemis, publish to another
 * address, both durable and persistent) next to two peers measured in the same run, on the same
 * broker, with the same client library, producer and sink (issue 11 §7):
 * <ul>
 * <li>the ceiling: the broker's plain persistent produce → consume of the same messages, no relay;</li>
 * <li>the best hand-written JMS relay: each session receives a batch (up to {@code batch} events,
 * 200, or what came within {@code batchMillis}, 5 ms), sends persistent copies in the same transaction and commits once.</li>
 * </ul>
 * The route is a Camel XML file hot-deployed into deploy/ with 1 and 4 concurrent consumers (-Dconsumers), once as Sentral
 * deploys it by default (idempotent: each batch also commits its "consumed" and "published" records in
 * PostgreSQL) and once with idempotent=false (the broker transaction alone, the hand relay's guarantee).
 */
public final class Events {

    private static final int EVENTS = Integer.getInteger("events", 20_000);
    /** As many as a round: right after boot the JIT still compiles much of the broker's and the route's code. */
    private static final int WARMUP = Integer.getInteger("warmup", 20_000);
    private static final int PRODUCERS = 4;
    /** Sessions of the hand relay and consumers of the route, a row each. */
    private static final int[] CONSUMERS = java.util.Arrays.stream(System.getProperty("consumers", "1,4").split(","))
            .mapToInt(c -> Integer.parseInt(c.strip())).toArray();
    /** Producers commit every this many sends, so that they outrun every relay and the ceiling is the broker's. */
    private static final int PRODUCER_BATCH = 100;
    /** Events per transaction and how long a batch waits for more, at most: the hand relay's and the route's alike. */
    private static final int RELAY_BATCH = Integer.getInteger("batch", 200);
    private static final int RELAY_BATCH_MILLIS = Integer.getInteger("batchMillis", 5);
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(Integer.getInteger("roundSeconds", 60));
    private static final double TARGET_OF_CEILING = 0.4;
    private static final double TARGET_OF_RELAY = 0.8;
    private static final double TARGET_PER_SECOND = 5_000;
    /** Experiments: -DjavaOpts=... replaces the distribution's heap and GC flags for the Karaf JVM. */
    private static final String JAVA_OPTS = System.getProperty("javaOpts");

    private static final String CEILING = "ceiling: produce -> consume";
    private static final String RELAY = "hand JMS relay (batched tx)";
    private static final String CEILING_ADDRESS = "sentral.benchceil.out";
    private static final String ROUTE_IN = "sentral.bench.in";
    private static final String ROUTE_OUT = "sentral.bench.out";
    private static final String RAW_IN = "sentral.benchraw.in";
    private static final String RAW_OUT = "sentral.benchraw.out";

    /** Where events go in, the durable queues a cut-off round may leave a backlog in, and where they are counted. */
    private record Flow(String in, List<String> queues, Jms.Sink sink) {
    }

    private record Result(String label, int concurrency, double perSecond, int sent, int received, double p50,
                          double p99, Cpu cpu) {
    }

    /**
     * CPU seconds during a measured round: the Karaf JVM (broker, relay route, Camel), its garbage collection
     * (part of the Karaf figure), PostgreSQL (server and backends), this bench JVM (producers, sink, hand
     * relay) and everything else on the machine, against the round's wall time times the cores. The
     * run-to-run variance is read from these.
     */
    private record Cpu(double karaf, double gc, double postgres, double bench, double other, double wall) {

        static double[] sample(Karaf karaf) {
            double[] server = karaf.cpuSeconds();
            return new double[] {server[0], karaf.gcSeconds(), server[1], Karaf.cpuSeconds(ProcessHandle.current().pid()),
                    Karaf.machineBusySeconds()};
        }

        static Cpu between(double[] before, double[] after, double wall) {
            double karaf = after[0] - before[0];
            double postgres = after[2] - before[2];
            double bench = after[3] - before[3];
            return new Cpu(karaf, after[1] - before[1], postgres, bench, after[4] - before[4] - karaf - postgres - bench,
                    wall);
        }

        @Override
        public String toString() {
            return Bench.fmt("CPU s: Karaf %.1f (GC %.1f), PostgreSQL %.1f, bench %.1f, other processes %.1f; %.1f s x %d cores",
                    karaf, gc, postgres, bench, other, wall, Runtime.getRuntime().availableProcessors());
        }
    }

    public static void main(String[] args) throws Exception {
        Bench.header("events (" + EVENTS + " events per round, " + PRODUCERS + " producer threads, limit "
                + ROUND_LIMIT.toSeconds() + " s per round)");
        Bench.watchdog(Duration.ofMinutes(40));
        Path work = Bench.workDir(Bench.SENTRAL_TARBALL);
        List<Result> results = new ArrayList<>();
        if (JAVA_OPTS != null) {
            Bench.print("EXPERIMENT: Karaf JVM with %s (not Sentral's configuration)", JAVA_OPTS);
        }
        try (Karaf karaf = Karaf.freshSentral(work.resolve(Bench.SENTRAL_TARBALL.getFileName()), work,
                Duration.ofSeconds(120), JAVA_OPTS)) {
            try (Jms jms = withProducerWindow(new Jms(karaf.brokerPort, "admin", karaf.adminPassword()));
                 Jms.Sink routeSink = jms.sink(ROUTE_OUT, ROUTE_OUT + "@bench-sink");
                 Jms.Sink rawSink = jms.sink(RAW_OUT, RAW_OUT + "@bench-sink");
                 Jms.Sink ceilingSink = jms.sink(CEILING_ADDRESS, CEILING_ADDRESS + "@bench-sink")) {
                String routeQueue = Jms.subscriptionQueue(ROUTE_IN + "@bench-relay");
                String rawQueue = Jms.subscriptionQueue(RAW_IN + "@bench-raw");
                Flow route = new Flow(ROUTE_IN, List.of(routeQueue, Jms.subscriptionQueue(ROUTE_OUT + "@bench-sink")), routeSink);
                Flow raw = new Flow(RAW_IN, List.of(rawQueue, Jms.subscriptionQueue(RAW_OUT + "@bench-sink")), rawSink);
                Flow ceiling = new Flow(CEILING_ADDRESS, List.of(Jms.subscriptionQueue(CEILING_ADDRESS + "@bench-sink")),
                        ceilingSink);
                results.add(measure(karaf, jms, ceiling, CEILING, 0));
                for (int concurrency : CONSUMERS) {
                    try (RawRelay relay = new RawRelay(jms, concurrency)) {
                        results.add(measure(karaf, jms, raw, RELAY, concurrency));
                    }
                    deployRoute(karaf, jms, routeQueue, concurrency, true);
                    results.add(measure(karaf, jms, route, "sentral: route (idempotent)", concurrency));
                    deployRoute(karaf, jms, routeQueue, concurrency, false);
                    results.add(measure(karaf, jms, route, "sentral: route (broker only)", concurrency));
                }
                undeployRoute(karaf, jms, routeQueue);
                // Again at the end: right after boot the machine is still busy, and a ceiling must not be low.
                results.add(measure(karaf, jms, ceiling, CEILING, 0));
            }
        } finally {
            Karaf.deleteTree(work);
        }
        report(results);
    }

    /**
     * Sentral's window for clients that send batches (Broker.PRODUCER_WINDOW_BYTES): with Artemis' 64 KiB the
     * producers and the hand relay waited for broker credits every ~60 events and stopped outrunning the relays.
     * Set before the factory's first connection (it cannot be changed after).
     */
    private static Jms withProducerWindow(Jms jms) {
        jms.factory.setProducerWindowSize(1024 * 1024);
        return jms;
    }

    /** Warms the path up (fresh brokers and JITs are slow), then measures one round. */
    private static Result measure(Karaf karaf, Jms jms, Flow path, String label, int concurrency) throws Exception {
        round(karaf, jms, path, label, concurrency, WARMUP);
        Result r = round(karaf, jms, path, label, concurrency, EVENTS);
        Bench.print("%-32s c=%d  %7.0f events/s  (%d/%d in %s)  latency p50 %6.1f ms  p99 %7.1f ms", label,
                concurrency, r.perSecond, r.received, r.sent, r.received < r.sent ? "the time limit" : "full", r.p50, r.p99);
        Bench.print("    %s", r.cpu);
        return r;
    }

    /** Sends {@code count} events and waits for them at the sink; from the first send to the last receive. */
    private static Result round(Karaf karaf, Jms jms, Flow path, String label, int concurrency, int count)
            throws Exception {
        String round = UUID.randomUUID().toString().substring(0, 8);
        path.sink.expect(round);
        double[] cpuBefore = Cpu.sample(karaf);
        long t0 = System.nanoTime();
        long deadline = t0 + ROUND_LIMIT.toNanos();
        int sent = jms.produce(path.in, round, count, PRODUCERS, PRODUCER_BATCH, deadline);
        Bench.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), 10, () -> path.sink.received() >= sent);
        int received = path.sink.received();
        long last = path.sink.lastReceivedNanos();
        Cpu cpu = Cpu.between(cpuBefore, Cpu.sample(karaf), Bench.seconds(System.nanoTime() - t0));
        if (received < sent) {
            // Cut off by the time limit: drop the backlog so that it does not slow the next round down.
            for (String queue : path.queues) {
                jms.purge(queue);
            }
        }
        List<Double> latencies = path.sink.latenciesMs();
        return new Result(label, concurrency, received == 0 ? 0 : received / Bench.seconds(last - t0), sent, received,
                Bench.percentile(latencies, 50), Bench.percentile(latencies, 99), cpu);
    }

    /**
     * (Re)deploys the relay route as a Camel XML file in deploy/. The previous file is removed first
     * and its consumers waited out, so the round measures the new options, not the old route.
     */
    private static void deployRoute(Karaf karaf, Jms jms, String queue, int concurrency, boolean idempotent)
            throws Exception {
        undeployRoute(karaf, jms, queue);
        String xml = "<routes xmlns=\"http://camel.apache.org/schema/spring\"><route id=\"bench-relay\">"
                + "<from uri=\"sentral:bench.in?consumer=bench-relay&amp;idempotent=" + idempotent
                + "&amp;concurrentConsumers=" + concurrency
                + "&amp;batchSize=" + RELAY_BATCH + "&amp;batchMillis=" + RELAY_BATCH_MILLIS + "\"/><to uri=\"sentral:bench.out\"/></route></routes>\n";
        // Written beside deploy/ and moved in, so FileInstall never sees half a file.
        Path staged = karaf.base.resolve("bench-relay.routes.xml");
        Files.writeString(staged, xml);
        Files.move(staged, karaf.base.resolve("deploy/bench-relay.routes.xml"), StandardCopyOption.ATOMIC_MOVE);
        Bench.require("route bench-relay consuming with " + concurrency + " session(s)", Duration.ofSeconds(60), 50,
                () -> jms.consumerCount(queue) == concurrency);
    }

    private static void undeployRoute(Karaf karaf, Jms jms, String queue) throws Exception {
        if (Files.deleteIfExists(karaf.base.resolve("deploy/bench-relay.routes.xml"))) {
            Bench.require("route bench-relay removed", Duration.ofSeconds(60), 50, () -> jms.consumerCount(queue) == 0);
        }
    }

    private static void report(List<Result> results) {
        Result ceiling = results.stream().filter(r -> r.label.equals(CEILING))
                .max((a, b) -> Double.compare(a.perSecond, b.perSecond)).orElseThrow();
        Result relay = results.stream().filter(r -> r.label.equals(RELAY))
                .max((a, b) -> Double.compare(a.perSecond, b.perSecond)).orElseThrow();
        Bench.print("");
        Bench.print("%-32s %3s %10s %10s %10s %9s %9s %8s", "", "c", "events/s", "/ceiling", "/relay", "p50 ms",
                "p99 ms", "target");
        for (Result r : results) {
            boolean route = r.label.startsWith("sentral:");
            double ofCeiling = r.perSecond / ceiling.perSecond;
            double ofRelay = r.perSecond / relay.perSecond;
            Bench.print("%-32s %3s %10.0f %10s %10s %9.1f %9.1f %8s", r.label, r.concurrency == 0 ? "" : r.concurrency,
                    r.perSecond, Bench.fmt("%.2f", ofCeiling), Bench.fmt("%.2f", ofRelay), r.p50, r.p99,
                    route ? Bench.verdict(ofCeiling >= TARGET_OF_CEILING && ofRelay >= TARGET_OF_RELAY
                            && r.perSecond >= TARGET_PER_SECOND) : "");
        }
        Bench.print("(ceiling = the same events produced to an address and consumed by the sink, no relay, the faster of"
                + " its rounds first and last; relay = the"
                + " best hand relay row (c=%d); route targets: >= %.1f of the ceiling, >= %.1f of the best hand relay,"
                + " >= %.0f events/s; idempotent = the default, each batch's consumed and published records committed"
                + " in PostgreSQL before the broker commit; broker only = idempotent=false, receipt and publishing in one"
                + " broker transaction and nothing else, the hand relay's guarantee; latency = sink receive time - the"
                + " producer's send time, backlog included)",
                relay.concurrency, TARGET_OF_CEILING, TARGET_OF_RELAY, TARGET_PER_SECOND);
    }

    /**
     * The best hand-written relay: a shared durable subscription on {@code sentral.benchraw.in}; each
     * session receives up to {@code batch} events (or what came within {@code batchMillis} ms of the
     * first), sends a persistent copy of each to {@code sentral.benchraw.out} in the same
     * transaction and commits once: one journal sync per batch. No database: the route also commits its
     * idempotency records, so this is the stronger peer.
     */
    private static final class RawRelay implements AutoCloseable {
        private static final String[] PROPERTIES = {"ce_id", "ce_tenant", "JMSXGroupID", "_AMQ_DUPL_ID"};
        private final Connection connection;
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        RawRelay(Jms jms, int sessions) throws JMSException {
            connection = jms.factory.createConnection();
            for (int i = 0; i < sessions; i++) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createSharedDurableConsumer(session.createTopic(RAW_IN),
                        RAW_IN + "@bench-raw");
                MessageProducer producer = session.createProducer(session.createTopic(RAW_OUT));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                Thread t = new Thread(() -> relay(session, consumer, producer), "raw-relay-" + i);
                threads.add(t);
            }
            connection.start();
            threads.forEach(Thread::start);
        }

        private void relay(Session session, MessageConsumer consumer, MessageProducer producer) {
            while (running) {
                try {
                    Message in = consumer.receive(500);
                    if (in == null) {
                        continue;
                    }
                    long deadline = System.nanoTime() + RELAY_BATCH_MILLIS * 1_000_000L;
                    int n = 0;
                    while (in != null) {
                        TextMessage out = session.createTextMessage(((TextMessage) in).getText());
                        for (String property : PROPERTIES) {
                            out.setStringProperty(property, in.getStringProperty(property));
                        }
                        out.setStringProperty("ce_type", RAW_OUT);
                        producer.send(out);
                        long left = deadline - System.nanoTime();
                        in = ++n >= RELAY_BATCH || left <= 0 ? null : consumer.receive(Math.max(1, left / 1_000_000));
                    }
                    session.commit();
                } catch (JMSException e) {
                    if (running) {
                        System.err.println("raw relay: " + e);
                    }
                }
            }
        }

        @Override
        public void close() throws Exception {
            running = false;
            for (Thread t : threads) {
                t.join(5_000);
            }
            connection.close();
        }
    }
}
