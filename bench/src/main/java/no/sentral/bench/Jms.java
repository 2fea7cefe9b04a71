package no.sentral.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Queue;
import javax.jms.Session;
import javax.jms.TextMessage;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.ActiveMQJMSClient;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;

/**
 * The JMS side of the benchmarks, with the same client library as the platform: Sentral's event
 * format (structured CloudEvents JSON in a TextMessage plus its properties), a producer, a
 * counting sink, and the few broker management calls the benchmarks wait on.
 */
final class Jms implements AutoCloseable {

    static final int TENANTS = 10;
    /** About 200 bytes of event data; round and sentAt let the sink count rounds and latency. */
    private static final String PADDING = "x".repeat(96);

    final ActiveMQConnectionFactory factory;

    Jms(int port, String user, String password) {
        factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port, user, password);
    }

    /** A CloudEvent as Sentral writes it: body, ids, tenant as message group, event id for duplicate detection. */
    static TextMessage event(Session session, String type, String tenant, String round, int seq) throws JMSException {
        String id = UUID.randomUUID().toString();
        String time = Instant.now().toString();
        String data = "{\"round\":\"" + round + "\",\"seq\":" + seq + ",\"sentAt\":\"" + time
                + "\",\"caller\":\"+4790000000\",\"callee\":\"+4721000000\",\"durationSeconds\":42,\"note\":\""
                + PADDING + "\"}";
        TextMessage m = session.createTextMessage("{\"specversion\":\"1.0\",\"id\":\"" + id
                + "\",\"source\":\"/bench\",\"type\":\"" + type + "\",\"time\":\"" + time + "\",\"tenant\":\"" + tenant
                + "\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}");
        m.setStringProperty("ce_id", id);
        m.setStringProperty("ce_type", type);
        m.setStringProperty("ce_tenant", tenant);
        m.setStringProperty("JMSXGroupID", tenant);
        m.setStringProperty("_AMQ_DUPL_ID", id);
        return m;
    }

    /** Publishes one event persistently (a synchronous send: it is on the broker's disk on return); gives its id. */
    String publish(String address, String tenant, String round) throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer p = s.createProducer(s.createTopic(address));
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            TextMessage m = event(s, address, tenant, round, 0);
            p.send(m);
            return m.getStringProperty("ce_id");
        }
    }

    /**
     * Sends up to {@code count} events from {@code threads} threads, each with its own connection and
     * persistent sends in transactions of {@code perCommit} events (1: synchronous sends, no transaction),
     * spread over {@value #TENANTS} tenants; stops at the deadline. Returns how many were sent.
     */
    int produce(String address, String round, int count, int threads, int perCommit, long deadlineNanos)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Connection c = factory.createConnection()) {
                    boolean transacted = perCommit > 1;
                    Session s = c.createSession(transacted, transacted ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE);
                    MessageProducer p = s.createProducer(s.createTopic(address));
                    p.setDeliveryMode(DeliveryMode.PERSISTENT);
                    int uncommitted = 0;
                    for (int seq = next.getAndIncrement(); seq < count && System.nanoTime() < deadlineNanos;
                         seq = next.getAndIncrement()) {
                        p.send(event(s, address, "t" + (seq % TENANTS), round, seq));
                        if (transacted && ++uncommitted == perCommit) {
                            s.commit();
                            sent.addAndGet(uncommitted);
                            uncommitted = 0;
                        } else if (!transacted) {
                            sent.incrementAndGet();
                        }
                    }
                    if (uncommitted > 0) {
                        s.commit();
                        sent.addAndGet(uncommitted);
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "producer-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return sent.get();
    }

    /**
     * Counts the events of one round arriving on a shared durable subscription and records each
     * one's latency (receive time minus the sentAt the producer wrote into the data, which a route
     * carries over even though it gives the republished event a new time). Created before anything
     * is sent, so its durable queue already collects the first event.
     */
    final class Sink implements AutoCloseable {
        private final Connection connection;
        private volatile String round = "";
        private final AtomicInteger received = new AtomicInteger();
        private final AtomicLong lastNanos = new AtomicLong();
        private final List<Double> latenciesMs = new ArrayList<>();

        Sink(String address, String subscription) throws JMSException {
            connection = factory.createConnection();
            Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createSharedDurableConsumer(s.createTopic(address), subscription);
            consumer.setMessageListener(this::onMessage);
            connection.start();
        }

        private void onMessage(Message message) {
            try {
                String body = ((TextMessage) message).getText();
                if (!body.contains("\"round\":\"" + round + "\"")) {
                    return;   // a warm-up or earlier round's straggler
                }
                Instant now = Instant.now();
                lastNanos.set(System.nanoTime());
                int at = body.indexOf("\"sentAt\":\"") + 10;
                Instant sent = Instant.parse(body.substring(at, body.indexOf('"', at)));
                synchronized (latenciesMs) {
                    latenciesMs.add(Duration.between(sent, now).toNanos() / 1e6);
                }
                received.incrementAndGet();
            } catch (JMSException | RuntimeException e) {
                System.err.println("sink: " + e);
            }
        }

        /** Starts counting a new round; everything else arriving is ignored. */
        void expect(String newRound) {
            synchronized (latenciesMs) {
                latenciesMs.clear();
            }
            received.set(0);
            lastNanos.set(0);
            round = newRound;
        }

        int received() {
            return received.get();
        }

        long lastReceivedNanos() {
            return lastNanos.get();
        }

        List<Double> latenciesMs() {
            synchronized (latenciesMs) {
                return List.copyOf(latenciesMs);
            }
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }

    Sink sink(String address, String subscription) throws JMSException {
        return new Sink(address, subscription);
    }

    /**
     * Counts everything published to some multicast addresses from now on: a non-durable subscription
     * per address (nothing is left on the broker when it closes), each with its own session and so its
     * own delivery thread. Also sums the body sizes, so a peer can send messages of the same size.
     */
    final class Tally implements AutoCloseable {
        private final Connection connection;
        private final AtomicLong received = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        Tally(String... addresses) throws JMSException {
            connection = factory.createConnection();
            for (String address : addresses) {
                Session s = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
                s.createConsumer(s.createTopic(address)).setMessageListener(m -> {
                    try {
                        bytes.addAndGet(((TextMessage) m).getText().length());
                    } catch (JMSException | ClassCastException e) {
                        // counted all the same
                    }
                    received.incrementAndGet();
                });
            }
            connection.start();
        }

        long received() {
            return received.get();
        }

        /** Mean body length in characters of what was received so far. */
        double meanSize() {
            long n = received.get();
            return n == 0 ? 0 : (double) bytes.get() / n;
        }

        @Override
        public void close() throws JMSException {
            connection.close();
        }
    }

    Tally tally(String... addresses) throws JMSException {
        return new Tally(addresses);
    }

    /** The broker-side queue of a JMS 2.0 shared durable subscription without a client id (dots escaped). */
    static String subscriptionQueue(String subscription) {
        return ActiveMQDestination.createQueueNameForSubscription(true, null, subscription).toString();
    }

    /** Consumers on a queue right now; 0 when the queue does not exist (yet). */
    int consumerCount(String queue) {
        try {
            Object result = manage(queue, "consumerCount", false);
            return result == null ? 0 : ((Number) result).intValue();
        } catch (JMSException e) {
            return 0;
        }
    }

    /** Messages in a queue (delivering included); -1 when the queue does not exist. */
    long messageCount(String queue) {
        try {
            Object result = manage(queue, "messageCount", false);
            return result == null ? -1 : ((Number) result).longValue();
        } catch (JMSException e) {
            return -1;
        }
    }

    /** Drops every message of a queue, so a round cut off by its time limit leaves no backlog to the next. */
    void purge(String queue) throws JMSException {
        manage(queue, "removeAllMessages", true);
    }

    /** One request to Artemis' management address (the admin account has the manage permission). */
    private Object manage(String queue, String name, boolean operation) throws JMSException {
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue replies = s.createTemporaryQueue();
            MessageConsumer consumer = s.createConsumer(replies);
            c.start();
            Message request = s.createMessage();
            if (operation) {
                JMSManagementHelper.putOperationInvocation(request, ResourceNames.QUEUE + queue, name);
            } else {
                JMSManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, name);
            }
            request.setJMSReplyTo(replies);
            s.createProducer(ActiveMQJMSClient.createQueue("activemq.management")).send(request);
            Message reply = consumer.receive(10_000);
            if (reply == null) {
                throw new JMSException("no management reply for " + name + " of " + queue);
            }
            if (!JMSManagementHelper.hasOperationSucceeded(reply)) {
                return null;
            }
            try {
                return JMSManagementHelper.getResult(reply);
            } catch (Exception e) {
                throw new JMSException("bad management reply: " + e);
            }
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
