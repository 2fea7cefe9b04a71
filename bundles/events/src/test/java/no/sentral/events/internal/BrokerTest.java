package no.sentral.events.internal;

import no.sentral.api.event.CloudEventJson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.jms.Connection;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.health.HealthStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real publishing path: {@link Broker} (activated by hand, as DS would, with an explicit user
 * so that it does not need the installation's system account), {@link JmsEventPublisher} and
 * {@link RecentEvents}, against the embedded broker.
 */
@Timeout(20)
class BrokerTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00.123456Z");

    @TempDir
    Path brokerDir;

    private TestBroker testBroker;
    private Broker broker;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        testBroker = TestBroker.start(brokerDir);
        broker = activate(testBroker.port);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        broker.deactivate();
        testBroker.close();
    }

    private static Broker activate(int port) {
        Broker broker = new Broker();
        broker.activate(new Broker.Config() {
            @Override
            public String url() {
                return "tcp://127.0.0.1:" + port + "?initialConnectAttempts=1&reconnectAttempts=0";
            }

            @Override
            public String user() {
                return "sentral-system";
            }

            @Override
            public String _password() {
                return "not-checked-by-the-test-broker";
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return Broker.Config.class;
            }
        });
        return broker;
    }

    private MessageConsumer subscribe(String address) throws Exception {
        Connection connection = broker.connectionFactory().createConnection();
        closeables.add(connection);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createTopic(address));
        connection.start();
        return consumer;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void sendPublishesTheCloudEventWithItsProperties() throws Exception {
        MessageConsumer consumer = subscribe("sentral.call.ended");
        CloudEvent event = new CloudEvent("ev-1", "/sentral/test", "sentral.call.ended", NOW, "acme", "call-1",
                "{\"seconds\":42}");

        broker.send(event);

        Message message = consumer.receive(5_000);
        assertEquals(event, CloudEventJson.decode(((TextMessage) message).getText()));
        assertEquals("ev-1", message.getStringProperty("ce_id"));
        assertEquals("sentral.call.ended", message.getStringProperty("ce_type"));
        assertEquals("acme", message.getStringProperty("ce_tenant"));
        assertEquals("acme", message.getStringProperty("JMSXGroupID"));
        assertEquals("ev-1", message.getStringProperty("_AMQ_DUPL_ID"));
        assertEquals(CloudEvent.CONTENT_TYPE, message.getStringProperty(Broker.AMQP_CONTENT_TYPE));
        assertEquals(Broker.AMQP_DATA, message.getShortProperty(Broker.AMQP_ORIGINAL_ENCODING));
        assertEquals(javax.jms.DeliveryMode.PERSISTENT, message.getJMSDeliveryMode());
    }

    @Test
    void resendingAnEventIsDroppedByTheBroker() throws Exception {
        MessageConsumer consumer = subscribe("sentral.call.ended");
        CloudEvent event = new CloudEvent("ev-1", "/sentral/test", "sentral.call.ended", NOW, "acme", null, null);
        broker.send(event);
        broker.send(event);
        assertEquals("ev-1", consumer.receive(5_000).getStringProperty("ce_id"));
        assertEquals(null, consumer.receive(300), "the second send was a duplicate");
    }

    @Test
    void aBatchArrivesWholeAndInOrderAndARepeatedBatchIsDropped() throws Exception {
        MessageConsumer consumer = subscribe("sentral.call.ended");
        java.util.List<CloudEvent> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new CloudEvent("batch-" + i, "/t", "sentral.call.ended", NOW, "acme", null, null));
        }
        broker.sendAll(batch);
        broker.sendAll(batch);
        for (int i = 0; i < 5; i++) {
            assertEquals("batch-" + i, consumer.receive(5_000).getStringProperty("ce_id"));
        }
        assertEquals(null, consumer.receive(300), "the repeated batch was dropped as duplicates");
    }

    @Test
    void sendIsSafeFromManyThreads() throws Exception {
        MessageConsumer consumer = subscribe("sentral.call.ended");
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    try {
                        broker.send(new CloudEvent("ev-" + thread + "-" + i, "/t", "sentral.call.ended", NOW,
                                "tenant-" + thread, null, null));
                    } catch (RuntimeException e) {
                        errors.add(e);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join(10_000);
        }
        assertEquals(List.of(), errors);
        int received = 0;
        while (consumer.receive(500) != null) {
            received++;
        }
        assertEquals(200, received);
    }

    @Test
    void commandsGoToAQueue() throws Exception {
        broker.send(new CloudEvent("cmd-1", "/t", "sentral.cmd.switchboard", NOW, "acme", null, null));
        Connection connection = broker.connectionFactory().createConnection();
        closeables.add(connection);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        connection.start();
        // Sent before anyone listened: a queue keeps it (a topic would have dropped it).
        Message message = session.createConsumer(session.createQueue("sentral.cmd.switchboard")).receive(5_000);
        assertEquals("cmd-1", message.getStringProperty("ce_id"));
    }

    @Test
    void healthIsUpWhileTheBrokerRunsAndSendRecoversAfterARestart() throws Exception {
        HealthStatus up = broker.check();
        assertTrue(up.up(), up.detail());
        assertFalse(up.detail().contains("?"), "no URL parameters in the detail: " + up.detail());
        broker.send(new CloudEvent("before", "/t", "sentral.call.ended", NOW, "acme", null, null));

        int port = testBroker.port;
        testBroker.close();
        HealthStatus down = broker.check();
        assertFalse(down.up(), down.detail());
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                broker.send(new CloudEvent("during", "/t", "sentral.call.ended", NOW, "acme", null, null)));
        assertTrue(e.getMessage().contains("during"), e.getMessage());

        testBroker = TestBroker.start(brokerDir, port);
        MessageConsumer consumer = subscribe("sentral.call.ended");
        broker.send(new CloudEvent("after", "/t", "sentral.call.ended", NOW, "acme", null, null));
        assertEquals("after", consumer.receive(5_000).getStringProperty("ce_id"));
        assertTrue(broker.check().up());
    }

    @Test
    void jmsEventPublisherWrapsDataInANewEvent() throws Exception {
        MessageConsumer consumer = subscribe("sentral.call.ended");
        JmsEventPublisher publisher = new JmsEventPublisher(broker, Clock.fixed(NOW, ZoneOffset.UTC));

        CloudEvent a = publisher.publish(EventAddress.parse("call.ended"), "acme", "call-1", Map.of("seconds", 42));
        CloudEvent b = publisher.publish(EventAddress.parse("call.ended"), "acme", null, null);

        assertEquals("sentral.call.ended", a.type());
        assertEquals(CloudEventJson.SOURCE, a.source());
        assertEquals(NOW, a.time());
        assertEquals("{\"seconds\":42}", a.data());
        assertFalse(a.id().equals(b.id()), "fresh ids");
        assertEquals(a, CloudEventJson.decode(((TextMessage) consumer.receive(5_000)).getText()));
        assertEquals(b, CloudEventJson.decode(((TextMessage) consumer.receive(5_000)).getText()));

        assertThrows(IllegalArgumentException.class, () -> publisher.publish(
                new CloudEvent("x", "/t", "not-an-address", NOW, "acme", null, null)));
        assertThrows(IllegalArgumentException.class, () -> publisher.publish(
                EventAddress.parse("call.ended"), "acme", null, "not json"));
    }

    @Test
    void recentEventsSeesWhatIsPublishedWithoutTakingItAway() throws Exception {
        RecentEvents recent = new RecentEvents(broker);
        closeables.add(recent::stop);
        List<CloudEvent> durable = Collections.synchronizedList(new ArrayList<>());
        EventConsumer consumer = new EventConsumer(broker.connectionFactory(),
                new ConsumerSettings("call.ended", "billing", 1, 5, 0, true), new MemoryConsumedEvents(), (event, tx) -> durable.add(event));
        closeables.add(consumer);
        consumer.start();
        // RecentEvents subscribes in the background; wait until it sees a probe event.
        await("recent events subscribed", () -> {
            broker.send(new CloudEvent("probe-" + System.nanoTime(), "/t", "sentral.test.probe", NOW, "acme",
                    null, null));
            return !recent.last("sentral.test.probe", 1).isEmpty();
        });

        for (int i = 0; i < RecentEvents.PER_ADDRESS + 5; i++) {
            broker.send(new CloudEvent("call-" + i, "/t", "sentral.call.ended", NOW.plusMillis(i), "acme",
                    null, null));
        }
        broker.send(new CloudEvent("user-1", "/t", "sentral.user.created", NOW.plusSeconds(60), "acme", null, null));

        await("all calls", () -> durable.size() == RecentEvents.PER_ADDRESS + 5);
        await("the user event", () -> !recent.last("sentral.user.created", 10).isEmpty());
        List<CloudEvent> calls = recent.last("sentral.call.ended", 1_000);
        assertEquals(RecentEvents.PER_ADDRESS, calls.size(), "only the last events per address are kept");
        assertEquals("call-5", calls.get(0).id());
        assertEquals("call-" + (RecentEvents.PER_ADDRESS + 4), calls.get(calls.size() - 1).id());
        assertEquals(List.of("call-" + (RecentEvents.PER_ADDRESS + 3), "call-" + (RecentEvents.PER_ADDRESS + 4)),
                recent.last("sentral.call.ended", 2).stream().map(CloudEvent::id).toList());
        assertEquals("user-1", recent.last(null, 1).get(0).id(), "all addresses, newest last");
    }

    /**
     * Issue 11 §6: read over AMQP, the partner's protocol, each event is a structured-mode message of the
     * CloudEvents AMQP binding: content-type {@code application/cloudevents+json}, the event as a data
     * section. A qpid-jms (proton-j) subscriber on {@code sentral.#} reads it as the SDK's binding does:
     * it resolves the event format from the content-type and parses the body with it.
     */
    @Test
    void anAmqpSubscriberReceivesStructuredModeCloudEvents() throws Exception {
        org.apache.qpid.jms.JmsConnectionFactory amqp =
                new org.apache.qpid.jms.JmsConnectionFactory("amqp://127.0.0.1:" + testBroker.port);
        Connection connection = amqp.createConnection();
        closeables.add(connection);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createTopic("sentral.#"));
        connection.start();
        CloudEvent single = new CloudEvent("amqp-1", "/sentral/test", "sentral.call.ended", NOW, "acme", "call-1",
                "{\"seconds\":42}");
        CloudEvent noTime = new CloudEvent("amqp-2", "/sentral/test", "sentral.user.created", null, "acme", null, null);
        CloudEvent binary = new CloudEvent("amqp-3", "/sentral/test", "sentral.fax.received", NOW, "acme", null, null,
                "image/tiff", null, "AAEC/w==", Map.of("traceparent", "00-abc-01"));
        broker.send(single);
        broker.sendAll(List.of(noTime, binary));

        for (CloudEvent sent : List.of(single, noTime, binary)) {
            Message message = consumer.receive(5_000);
            assertTrue(message != null, "received " + sent.id());
            var facade = (org.apache.qpid.jms.provider.amqp.message.AmqpJmsMessageFacade)
                    ((org.apache.qpid.jms.message.JmsMessage) message).getFacade();
            assertEquals(CloudEvent.CONTENT_TYPE, String.valueOf(facade.getContentType()));
            assertFalse(message.propertyExists(Broker.AMQP_CONTENT_TYPE), "Artemis's conversion property stays inside");

            io.cloudevents.core.format.EventFormat format = io.cloudevents.core.provider.EventFormatProvider.getInstance()
                    .resolveFormat(String.valueOf(facade.getContentType()));
            io.cloudevents.CloudEvent parsed = format.deserialize(
                    ((TextMessage) message).getText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(sent.id(), parsed.getId());
            assertEquals(sent.type(), parsed.getType());
            assertEquals(sent.time(), parsed.getTime() == null ? null : parsed.getTime().toInstant());
            assertEquals("acme", parsed.getExtension("tenant"));
            assertEquals(sent, CloudEventJson.decode(new String(format.serialize(parsed),
                    java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    /**
     * The body half of structured mode, which the qpid-jms client hides (it copies each received text
     * message into a new AMQP value): Artemis's own core-to-AMQP conversion of a stamped event message
     * gives the JSON as a data section.
     */
    @Test
    void artemisConvertsAStampedEventToAnAmqpDataSection() throws Exception {
        CloudEvent event = new CloudEvent("amqp-4", "/sentral/test", "sentral.call.ended", NOW, "acme", null, "{}");
        var message = (org.apache.activemq.artemis.jms.client.ActiveMQTextMessage)
                testBroker.session().createTextMessage(CloudEventJson.encode(event));
        Broker.stamp(message, event);
        message.doBeforeSend();
        var amqp = org.apache.activemq.artemis.protocol.amqp.converter.CoreAmqpConverter.fromCore(
                message.getCoreMessage(), null);
        assertEquals(CloudEvent.CONTENT_TYPE, amqp.getProperties().getContentType().toString());
        var body = (org.apache.qpid.proton.amqp.messaging.Data) amqp.getBody();
        assertEquals(event, CloudEventJson.decode(new String(body.getValue().getArray(), body.getValue().getArrayOffset(),
                body.getValue().getLength(), java.nio.charset.StandardCharsets.UTF_8)));
    }
}
