package no.sentral.events.internal;

import no.sentral.api.event.CloudEventJson;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;
import no.sentral.api.event.CloudEvent;
import no.sentral.api.health.HealthCheck;
import no.sentral.api.health.HealthStatus;
import no.sentral.api.security.SystemAccount;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to Artemis: the embedded broker by default, any Artemis (or cluster) by config.
 * Publishing goes through a small pool of sessions because a JMS session is single-threaded
 * while events are published from many threads at once.
 */
@Component(service = {Broker.class, HealthCheck.class}, configurationPid = "no.sentral.broker")
@Designate(ocd = Broker.Config.class)
public class Broker implements HealthCheck {

    /** Message properties besides the CloudEvent body; {@code _AMQ_DUPL_ID} makes the broker drop re-sends. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    static final String GROUP_ID = "JMSXGroupID";
    static final String PROP_EVENT_ID = "ce_id";
    static final String PROP_TYPE = "ce_type";
    static final String PROP_TENANT = "ce_tenant";
    /**
     * Artemis's names for the AMQP message's content-type and body section when it converts a core
     * message for an AMQP receiver: structured mode of the CloudEvents AMQP binding, the JSON as a data
     * section ({@code 2}, AMQPMessageSupport.AMQP_DATA) under {@code application/cloudevents+json}.
     */
    static final String AMQP_CONTENT_TYPE = "JMS_AMQP_ContentType";
    static final String AMQP_ORIGINAL_ENCODING = "JMS_AMQP_ORIGINAL_ENCODING";
    static final short AMQP_DATA = 2;

    @ObjectClassDefinition(name = "Sentral broker connection")
    public @interface Config {
        @AttributeDefinition(description = "Artemis URL; the embedded broker listens on 127.0.0.1:61616")
        String url() default "tcp://127.0.0.1:61616?reconnectAttempts=-1&retryInterval=500&initialConnectAttempts=20";

        @AttributeDefinition(description = "User; empty = the installation's system account")
        String user() default "";

        /** Configured as {@code .password}: a leading dot keeps it out of the service's properties. */
        @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password; empty = the system account's")
        String _password() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);
    /**
     * Bytes a producer may send before the broker grants more (Artemis: 64 KiB). A consumer's batch
     * sends up to 200 events of ~1 KiB in its transaction; with the default window the consumer thread
     * waited for credits every ~60 of them, the largest wait of a relay route on a busy broker.
     */
    static final int PRODUCER_WINDOW_BYTES = 1024 * 1024;

    private final BlockingQueue<Sender> senders = new LinkedBlockingQueue<>();
    private final BlockingQueue<Sender> batchSenders = new LinkedBlockingQueue<>();
    private ActiveMQConnectionFactory factory;
    private ActiveMQConnectionFactory probe;
    private String url;
    private volatile Connection publishing;

    @Reference
    private SystemAccount system;

    @Activate
    void activate(Config config) {
        url = config.url();
        String user = config.user().isBlank() ? system.username() : config.user();
        String password = config._password().isBlank() ? system.password() : config._password();
        factory = new ActiveMQConnectionFactory(url, user, password);
        if (!url.contains("producerWindowSize")) {
            factory.setProducerWindowSize(PRODUCER_WINDOW_BYTES);
        }
        // The health check must answer within seconds, not retry like the platform's own connections.
        probe = new ActiveMQConnectionFactory(url, user, password);
        probe.setInitialConnectAttempts(1);
        probe.setReconnectAttempts(0);
        LOG.info("Sentral broker connection to {} as {}", url.replaceAll("\\?.*", ""), user);
    }

    @Deactivate
    void deactivate() {
        senders.clear();
        batchSenders.clear();
        closeQuietly(publishing);
        publishing = null;
        factory.close();
        probe.close();
    }

    public ConnectionFactory connectionFactory() {
        return factory;
    }

    /** Sends persistently and waits for the broker's acknowledgement (the event is then on disk). */
    public void send(CloudEvent event) {
        Sender sender = senders.poll();
        try {
            if (sender == null) {
                sender = new Sender(connection(), false);
            }
            sender.send(event, true);
            // A sender of a connection that was reset meanwhile must not go back into the pool.
            if (sender.connection == publishing) {
                senders.offer(sender);
            }
        } catch (JMSException e) {
            // A broken session is dropped from the pool; the connection is re-created on the next send.
            reset();
            throw new IllegalStateException("could not publish " + event.type() + " " + event.id() + ": " + e, e);
        }
    }

    /**
     * Sends a batch in one broker transaction: one journal write for all of them instead of one per
     * event (the outbox relay's way). All are on disk when this returns. The broker refuses a whole
     * transaction that repeats an event it already has (a relay that died between sending and
     * forgetting); such a batch is then sent event by event, where repeats are dropped one by one.
     */
    public void sendAll(List<CloudEvent> events) {
        sendBatch(events, true);
    }

    /**
     * Sends a batch of events made just now that nobody sends again (live state): in one broker
     * transaction like {@link #sendAll}, but without the broker's duplicate detection, which costs a
     * journal record per message and guards only against re-sends.
     */
    public void sendFresh(List<CloudEvent> events) {
        sendBatch(events, false);
    }

    private void sendBatch(List<CloudEvent> events, boolean deduplicate) {
        if (events.isEmpty()) {
            return;
        }
        Sender sender = batchSenders.poll();
        try {
            if (sender == null) {
                sender = new Sender(connection(), true);
            }
            for (CloudEvent event : events) {
                sender.send(event, deduplicate);
            }
            sender.session.commit();
            if (sender.connection == publishing) {
                batchSenders.offer(sender);
            }
        } catch (JMSException e) {
            reset();
            if (deduplicate && duplicate(e)) {
                events.forEach(this::send);
                return;
            }
            throw new IllegalStateException("could not publish a batch of " + events.size() + " events: " + e, e);
        }
    }

    private static boolean duplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ActiveMQDuplicateIdException) {
                return true;
            }
        }
        return false;
    }

    private synchronized Connection connection() throws JMSException {
        if (publishing == null) {
            Connection connection = factory.createConnection();
            connection.setExceptionListener(e -> reset());
            connection.start();
            publishing = connection;
        }
        return publishing;
    }

    private synchronized void reset() {
        senders.clear();
        batchSenders.clear();
        closeQuietly(publishing);
        publishing = null;
    }

    @Override
    public String name() {
        return "broker";
    }

    @Override
    public HealthStatus check() {
        try (Connection connection = probe.createConnection()) {
            connection.start();
            return HealthStatus.up(url.replaceAll("\\?.*", "") + " reachable");
        } catch (JMSException e) {
            return HealthStatus.down(url.replaceAll("\\?.*", "") + ": " + e.getMessage());
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("close failed", e);
            }
        }
    }

    private static final class Sender {
        private final Connection connection;
        private final Session session;
        private final MessageProducer producer;
        private final EventDestinations.Cache destinations;

        Sender(Connection connection, boolean transacted) throws JMSException {
            this.connection = connection;
            session = transacted ? connection.createSession(true, Session.SESSION_TRANSACTED)
                    : connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            destinations = new EventDestinations.Cache(session);
        }

        void send(CloudEvent event, boolean deduplicate) throws JMSException {
            TextMessage message = session.createTextMessage(CloudEventJson.encode(event));
            stamp(message, event, deduplicate);
            producer.send(destinations.of(event.type()), message);
        }
    }

    /** The properties every event message carries, so that selectors, tools and the broker can use them. */
    static void stamp(TextMessage message, CloudEvent event) throws JMSException {
        stamp(message, event, true);
    }

    /** @param deduplicate let the broker drop a re-send of the same event id */
    static void stamp(TextMessage message, CloudEvent event, boolean deduplicate) throws JMSException {
        message.setStringProperty(PROP_EVENT_ID, event.id());
        message.setStringProperty(PROP_TYPE, event.type());
        message.setStringProperty(PROP_TENANT, event.tenant());
        message.setStringProperty(GROUP_ID, event.tenant());
        message.setStringProperty(AMQP_CONTENT_TYPE, CloudEvent.CONTENT_TYPE);
        message.setShortProperty(AMQP_ORIGINAL_ENCODING, AMQP_DATA);
        if (deduplicate) {
            message.setStringProperty(DUPLICATE_ID, event.id());
        }
    }
}
