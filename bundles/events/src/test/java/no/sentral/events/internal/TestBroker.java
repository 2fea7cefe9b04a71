package no.sentral.events.internal;

import no.sentral.api.event.CloudEventJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageProducer;
import javax.jms.QueueBrowser;
import javax.jms.Session;
import javax.jms.TextMessage;
import no.sentral.api.event.CloudEvent;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A real Artemis broker configured like Sentral's etc/artemis.xml (address settings of
 * {@code sentral.#}, the {@code sentral.dlq} queue, duplicate detection), listening on a free
 * local TCP port, plus a publisher that sends exactly what {@link Broker#send} sends.
 */
final class TestBroker implements AutoCloseable {

    private final EmbeddedActiveMQ server;
    final ActiveMQConnectionFactory factory;
    private final Connection publishing;
    private final Session session;
    private final MessageProducer producer;

    final int port;

    private TestBroker(EmbeddedActiveMQ server, ActiveMQConnectionFactory factory, int port) throws JMSException {
        this.server = server;
        this.port = port;
        this.factory = factory;
        publishing = factory.createConnection();
        session = publishing.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        publishing.start(); // for browsing the DLQ
    }

    static TestBroker start(Path dataDir) throws Exception {
        return start(dataDir, freePort());
    }

    static TestBroker start(Path dataDir, int port) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("sentral-test");
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(true);
        config.setBrokerInstance(dataDir.toFile());
        config.setJournalDirectory(dataDir.resolve("journal").toString());
        config.setBindingsDirectory(dataDir.resolve("bindings").toString());
        config.setPagingDirectory(dataDir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
        config.addAcceptorConfiguration("test", "tcp://127.0.0.1:" + port + "?protocols=CORE,AMQP");
        config.addAddressSetting("sentral.#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(EventDestinations.DLQ))
                .setMaxDeliveryAttempts(ConsumerSettings.BROKER_MAX_DELIVERY_ATTEMPTS)
                .setRedeliveryDelay(0)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoDeleteQueues(false)
                .setAutoDeleteAddresses(false)
                .setDefaultGroupRebalance(false));
        config.addAddressConfiguration(new CoreAddressConfiguration()
                .setName(EventDestinations.DLQ)
                .addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(EventDestinations.DLQ).setRoutingType(RoutingType.ANYCAST)));
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(config);
        server.start();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port);
        try {
            return new TestBroker(server, factory, port);
        } catch (JMSException e) {
            factory.close();
            server.stop();
            throw e;
        }
    }

    static CloudEvent event(String type, String tenant, String subject, String data) {
        return new CloudEvent(UUID.randomUUID().toString(), "/sentral/test", type, Instant.now(), tenant, subject,
                data);
    }

    /** What {@code Broker.send} does: the CloudEvent as JSON text, stamped, persistent, to its destination. */
    void publish(CloudEvent event) throws JMSException {
        TextMessage message = session.createTextMessage(CloudEventJson.encode(event));
        Broker.stamp(message, event);
        producer.send(EventDestinations.destination(session, event.type()), message);
    }

    /** Like {@link #publish} but without the duplicate-detection id, as if the broker had forgotten it. */
    void publishWithoutDuplicateId(CloudEvent event) throws JMSException {
        TextMessage message = session.createTextMessage(CloudEventJson.encode(event));
        message.setStringProperty(Broker.PROP_EVENT_ID, event.id());
        message.setStringProperty(Broker.PROP_TYPE, event.type());
        message.setStringProperty(Broker.PROP_TENANT, event.tenant());
        message.setStringProperty(Broker.GROUP_ID, event.tenant());
        producer.send(EventDestinations.destination(session, event.type()), message);
    }

    /** Sends a message that is not a CloudEvent, with the properties a tool might have set. */
    void publishRaw(String address, Message message) throws JMSException {
        producer.send(EventDestinations.destination(session, address), message);
    }

    Session session() {
        return session;
    }

    /** The messages on the DLQ, without consuming them. */
    List<Message> deadLetters() throws JMSException {
        List<Message> messages = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(session.createQueue(EventDestinations.DLQ))) {
            Enumeration<?> e = browser.getEnumeration();
            while (e.hasMoreElements()) {
                messages.add((Message) e.nextElement());
            }
        }
        return messages;
    }

    /** Messages waiting on the durable queue of one consumer of an address. */
    long waiting(String address, String consumer) {
        // Artemis escapes the dots of a subscription name in the queue's name.
        String name = EventDestinations.subscriptionName(address, consumer).replace(".", "\\.");
        var queue = server.getActiveMQServer().locateQueue(SimpleString.of(name));
        if (queue == null) {
            throw new IllegalStateException("no queue " + name);
        }
        return queue.getMessageCount();
    }

    @Override
    public void close() throws Exception {
        Broker.closeQuietly(publishing);
        factory.close();
        server.stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
