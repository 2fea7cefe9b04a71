package no.sentral.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
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
 * address, both durable and persistent) next to a hand-written raw JMS relay doing the same work
 * on the same broker, with the same client library, producer and sink, in the same run.
 *
 * <p>The route is a Camel XML file hot-deployed into deploy/; the raw relay lives in this JVM and
 * does per event what a careful JMS programmer would: receive in a transacted session, send a
 * persistent copy in the same transaction, commit. Route variants: idempotent (default) or not,
 * 1 or 4 concurrent consumers; each is compared with the raw relay at the same concurrency.
 */
public final class Events {

    private static final int EVENTS = Integer.getInteger("events", 20_000);
    private static final int WARMUP = Integer.getInteger("warmup", 2_000);
    private static final int PRODUCERS = 4;
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(Integer.getInteger("roundSeconds", 60));
    private static final double TARGET_RATIO = 0.7;
    /** Experiments: -Dartemis.&lt;element&gt;=value sets a core element in this run's copy of etc/artemis.xml. */
    private static final String ARTEMIS_PREFIX = "artemis.";

    private static final String PEER = "raw JMS relay (transacted)";
    private static final String ROUTE_IN = "sentral.bench.in";
    private static final String ROUTE_OUT = "sentral.bench.out";
    private static final String RAW_IN = "sentral.benchraw.in";
    private static final String RAW_OUT = "sentral.benchraw.out";

    /** Where events go in, the durable queues a cut-off round may leave a backlog in, and where they are counted. */
    private record Flow(String in, List<String> queues, Jms.Sink sink) {
    }

    private record Result(String label, int concurrency, double perSecond, int sent, int received, double p50,
                          double p99) {
    }

    public static void main(String[] args) throws Exception {
        Bench.header("events (" + EVENTS + " events per round, " + PRODUCERS + " producer threads, limit "
                + ROUND_LIMIT.toSeconds() + " s per round)");
        Bench.watchdog(Duration.ofMinutes(40));
        Path work = Bench.workDir(Bench.SENTRAL_TARBALL);
        List<Result> results = new ArrayList<>();
        try (Karaf karaf = Karaf.freshSentral(work.resolve(Bench.SENTRAL_TARBALL.getFileName()), work,
                Duration.ofSeconds(120))) {
            setArtemisExperiments(karaf);
            try (Jms jms = new Jms(karaf.brokerPort, "admin", karaf.adminPassword());
                 Jms.Sink routeSink = jms.sink(ROUTE_OUT, ROUTE_OUT + "@bench-sink");
                 Jms.Sink rawSink = jms.sink(RAW_OUT, RAW_OUT + "@bench-sink")) {
                String routeQueue = Jms.subscriptionQueue(ROUTE_IN + "@bench-relay");
                String rawQueue = Jms.subscriptionQueue(RAW_IN + "@bench-raw");
                Flow route = new Flow(ROUTE_IN, List.of(routeQueue, Jms.subscriptionQueue(ROUTE_OUT + "@bench-sink")), routeSink);
                Flow raw = new Flow(RAW_IN, List.of(rawQueue, Jms.subscriptionQueue(RAW_OUT + "@bench-sink")), rawSink);
                for (int concurrency : new int[] {1, 4}) {
                    try (RawRelay relay = new RawRelay(jms, concurrency, false)) {
                        results.add(measure(jms, raw, PEER, concurrency));
                    }
                    // Not a peer: the raw relay in the sentral: component's former shape, to show what that costs.
                    try (RawRelay relay = new RawRelay(jms, concurrency, true)) {
                        results.add(measure(jms, raw, "raw, publish apart (diagnostic)", concurrency));
                    }
                    for (boolean idempotent : new boolean[] {true, false}) {
                        deployRoute(karaf, jms, routeQueue, idempotent, concurrency);
                        results.add(measure(jms, route, "route idempotent=" + idempotent, concurrency));
                    }
                }
                undeployRoute(karaf, jms, routeQueue);
            }
        } finally {
            Karaf.deleteTree(work);
        }
        report(results);
    }

    /** Warms the path up (fresh brokers and JITs are slow), then measures one round. */
    private static Result measure(Jms jms, Flow path, String label, int concurrency) throws Exception {
        round(jms, path, label, concurrency, WARMUP);
        Result r = round(jms, path, label, concurrency, EVENTS);
        Bench.print("%-32s c=%d  %7.0f events/s  (%d/%d in %s)  latency p50 %6.1f ms  p99 %7.1f ms", label,
                concurrency, r.perSecond, r.received, r.sent, r.received < r.sent ? "the time limit" : "full", r.p50, r.p99);
        return r;
    }

    /** Sends {@code count} events and waits for them at the sink; from the first send to the last receive. */
    private static Result round(Jms jms, Flow path, String label, int concurrency, int count) throws Exception {
        String round = UUID.randomUUID().toString().substring(0, 8);
        path.sink.expect(round);
        long t0 = System.nanoTime();
        long deadline = t0 + ROUND_LIMIT.toNanos();
        int sent = jms.produce(path.in, round, count, PRODUCERS, deadline);
        Bench.await(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), 10, () -> path.sink.received() >= sent);
        int received = path.sink.received();
        long last = path.sink.lastReceivedNanos();
        if (received < sent) {
            // Cut off by the time limit: drop the backlog so that it does not slow the next round down.
            for (String queue : path.queues) {
                jms.purge(queue);
            }
        }
        List<Double> latencies = path.sink.latenciesMs();
        return new Result(label, concurrency, received == 0 ? 0 : received / Bench.seconds(last - t0), sent, received,
                Bench.percentile(latencies, 50), Bench.percentile(latencies, 99));
    }

    /**
     * (Re)deploys the relay route as a Camel XML file in deploy/. The previous file is removed first
     * and its consumers waited out, so the round measures the new options, not the old route.
     */
    private static void deployRoute(Karaf karaf, Jms jms, String queue, boolean idempotent, int concurrency)
            throws Exception {
        undeployRoute(karaf, jms, queue);
        String xml = "<routes xmlns=\"http://camel.apache.org/schema/spring\"><route id=\"bench-relay\">"
                + "<from uri=\"sentral:bench.in?consumer=bench-relay&amp;idempotent=" + idempotent
                + "&amp;concurrentConsumers=" + concurrency + "\"/><to uri=\"sentral:bench.out\"/></route></routes>\n";
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

    /**
     * For experiments on what bounds the figures, e.g. -Dartemis.journal-buffer-timeout=500000 or
     * -Dartemis.journal-datasync=false: replaces the element's value, or adds the element.
     */
    private static void setArtemisExperiments(Karaf karaf) throws IOException {
        Path xml = karaf.base.resolve("etc/artemis.xml");
        String text = Files.readString(xml);
        for (String key : System.getProperties().stringPropertyNames()) {
            if (!key.startsWith(ARTEMIS_PREFIX)) {
                continue;
            }
            String element = key.substring(ARTEMIS_PREFIX.length());
            String setting = "<" + element + ">" + System.getProperty(key) + "</" + element + ">";
            Pattern existing = Pattern.compile("<" + element + ">[^<]*</" + element + ">");
            text = existing.matcher(text).find() ? existing.matcher(text).replaceAll(setting)
                    : text.replace("<journal-type>", setting + "\n      <journal-type>");
            Bench.print("EXPERIMENT: %s in etc/artemis.xml (not Sentral's configuration)", setting);
        }
        Files.writeString(xml, text);
    }

    private static void report(List<Result> results) {
        Bench.print("");
        Bench.print("%-32s %3s %10s %8s %9s %9s %8s", "", "c", "events/s", "ratio", "p50 ms", "p99 ms", "target");
        for (Result r : results) {
            Result peer = results.stream().filter(p -> p.label.equals(PEER) && p.concurrency == r.concurrency)
                    .findFirst().orElseThrow();
            boolean isPeer = r == peer;
            boolean diagnostic = !isPeer && r.label.startsWith("raw");
            double ratio = r.perSecond / peer.perSecond;
            Bench.print("%-32s %3d %10.0f %8s %9.1f %9.1f %8s", r.label, r.concurrency, r.perSecond,
                    isPeer ? "peer" : Bench.fmt("%.2f", ratio), r.p50, r.p99,
                    isPeer || diagnostic ? "" : Bench.verdict(ratio >= TARGET_RATIO));
        }
        Bench.print("(ratio = route events/s / raw relay events/s at the same concurrency; target >= %.1f;"
                + " latency = sink receive time - the producer's send time, backlog included: the 4 producers"
                + " outpace every relay, so it grows with the round)", TARGET_RATIO);
        Bench.print("(diagnostic = the raw relay publishing the way the sentral: component did before commit 5a3ab82:"
                + " a synchronous persistent send on a separate non-transacted session, then the commit of the receive)");
    }

    /**
     * The peer: a raw JMS relay on a shared durable subscription. Each session receives in a
     * transaction, sends a persistent copy in the same transaction and commits, one event at a time:
     * one journal sync per event. With {@code publishApart} it sends the copy instead on a second,
     * non-transacted session (a blocking durable send, its own journal sync) before committing the
     * receive — the shape the sentral: consumer and producer had before they shared the consuming
     * transaction (commit 5a3ab82), without Camel and PostgreSQL: what that shape costs.
     */
    private static final class RawRelay implements AutoCloseable {
        private static final String[] PROPERTIES = {"ce_id", "ce_tenant", "JMSXGroupID", "_AMQ_DUPL_ID"};
        private final Connection connection;
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;

        RawRelay(Jms jms, int sessions, boolean publishApart) throws JMSException {
            connection = jms.factory.createConnection();
            for (int i = 0; i < sessions; i++) {
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createSharedDurableConsumer(session.createTopic(RAW_IN),
                        RAW_IN + "@bench-raw");
                Session sending = publishApart ? connection.createSession(false, Session.AUTO_ACKNOWLEDGE) : session;
                MessageProducer producer = sending.createProducer(sending.createTopic(RAW_OUT));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                Thread t = new Thread(() -> relay(session, consumer, sending, producer), "raw-relay-" + i);
                threads.add(t);
            }
            connection.start();
            threads.forEach(Thread::start);
        }

        private void relay(Session session, MessageConsumer consumer, Session sending, MessageProducer producer) {
            while (running) {
                try {
                    Message in = consumer.receive(500);
                    if (in == null) {
                        continue;
                    }
                    TextMessage out = sending.createTextMessage(((TextMessage) in).getText());
                    for (String property : PROPERTIES) {
                        out.setStringProperty(property, in.getStringProperty(property));
                    }
                    out.setStringProperty("ce_type", RAW_OUT);
                    producer.send(out);
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
