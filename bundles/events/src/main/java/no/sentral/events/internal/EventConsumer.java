package no.sentral.events.internal;

import no.sentral.api.event.CloudEventJson;
import java.util.ArrayList;
import java.util.List;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.DeliveryMode;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.jms.Topic;
import no.sentral.api.event.CloudEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable consumer of one event address: a JMS 2.0 shared durable subscription (one queue per
 * consumer name, shared by all its sessions and by every Karaf node). Each event is handled in a
 * transacted session: success commits, failure rolls back for a redelivery, and after
 * {@code maxAttempts} the event is moved to {@value EventDestinations#DLQ} with the reason, in
 * the same transaction, so it is neither lost nor duplicated. The queue outlives the consumer:
 * events published while it is stopped wait on the broker.
 */
public final class EventConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
    private static final long RECONNECT_MILLIS = 1_000;

    private final ConnectionFactory factory;
    private final ConsumerSettings settings;
    private final ConsumedEvents consumed;
    private final EventHandler handler;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile Connection connection;

    public EventConsumer(ConnectionFactory factory, ConsumerSettings settings, ConsumedEvents consumed,
                         EventHandler handler) {
        this.factory = factory;
        this.settings = settings;
        this.consumed = consumed;
        this.handler = handler;
    }

    public ConsumerSettings settings() {
        return settings;
    }

    /** Subscribes (creating the durable queue if needed) and starts handling; returns when subscribed. */
    public void start() throws JMSException {
        connection = factory.createConnection();
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < settings.concurrency(); i++) {
            sessions.add(connection.createSession(true, Session.SESSION_TRANSACTED));
        }
        List<MessageConsumer> consumers = new ArrayList<>();
        for (Session session : sessions) {
            consumers.add(subscribe(session));
        }
        connection.start();
        for (int i = 0; i < sessions.size(); i++) {
            Session session = sessions.get(i);
            MessageConsumer consumer = consumers.get(i);
            Thread thread = new Thread(() -> loop(session, consumer, new SessionTransaction(session)),
                    "sentral-consumer-" + settings.consumer() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private MessageConsumer subscribe(Session session) throws JMSException {
        String name = EventDestinations.subscriptionName(settings.address(), settings.consumer());
        if (settings.address().startsWith("sentral.cmd.")) {
            return session.createConsumer(session.createQueue(settings.address()));
        }
        Topic topic = session.createTopic(settings.address());
        return session.createSharedDurableConsumer(topic, name);
    }

    private void loop(Session session, MessageConsumer consumer, SessionTransaction transaction) {
        while (running) {
            try {
                Message message = consumer.receive(500);
                if (message != null) {
                    handle(session, message, transaction);
                }
            } catch (JMSException | RuntimeException e) {
                if (!running) {
                    return;
                }
                // The client reconnects by itself (reconnectAttempts=-1); pause instead of spinning.
                LOG.warn("consumer {} on {}: {}", settings.consumer(), settings.address(), e.toString());
                rollbackQuietly(session);
                sleep(RECONNECT_MILLIS);
            }
        }
    }

    private void handle(Session session, Message message, SessionTransaction transaction) throws JMSException {
        int attempt = message.propertyExists("JMSXDeliveryCount") ? message.getIntProperty("JMSXDeliveryCount") : 1;
        CloudEvent event;
        try {
            event = CloudEventJson.decode(((TextMessage) message).getText());
        } catch (IllegalArgumentException | ClassCastException e) {
            deadLetter(session, message, attempt, "malformed CloudEvent: " + e.getMessage());
            return;
        }
        try {
            transaction.begin();
            if (settings.idempotent()) {
                // The broker transaction commits inside the "consumed" one, as its last step: if it
                // fails, the event is not recorded and its redelivery is handled again.
                boolean handled = consumed.once(settings.consumer(), event.id(), () -> {
                    handler.handle(event, transaction);
                    transaction.end();
                    session.commit();
                    return null;
                });
                if (!handled) {
                    LOG.debug("consumer {} skips duplicate event {}", settings.consumer(), event.id());
                    session.commit();
                }
            } else {
                handler.handle(event, transaction);
                transaction.end();
                session.commit();
            }
        } catch (Exception | Error e) {
            transaction.end();
            // An Error too (e.g. NoClassDefFoundError after a bundle refresh): retry, then the DLQ,
            // rather than a dead consumer thread holding an open transaction.
            if (attempt >= settings.maxAttempts()) {
                deadLetter(session, message, attempt, reason(e));
            } else {
                LOG.info("consumer {} failed on event {} (attempt {}/{}): {}", settings.consumer(), event.id(),
                        attempt, settings.maxAttempts(), reason(e));
                // Waiting here holds the tenant's message group, which keeps the tenant's events in order.
                sleep(settings.backoffMillis() * attempt);
                session.rollback();
            }
        }
    }

    private void deadLetter(Session session, Message message, int attempt, String reason) throws JMSException {
        TextMessage copy = session.createTextMessage(message instanceof TextMessage t ? t.getText() : null);
        for (String property : new String[] {Broker.PROP_EVENT_ID, Broker.PROP_TYPE, Broker.PROP_TENANT}) {
            if (message.propertyExists(property)) {
                copy.setStringProperty(property, message.getStringProperty(property));
            }
        }
        copy.setStringProperty(EventDestinations.PROP_REASON, reason);
        copy.setStringProperty(EventDestinations.PROP_CONSUMER, settings.consumer());
        copy.setStringProperty(EventDestinations.PROP_ADDRESS, settings.address());
        copy.setIntProperty(EventDestinations.PROP_ATTEMPTS, attempt);
        try (MessageProducer producer = session.createProducer(session.createQueue(EventDestinations.DLQ))) {
            producer.send(copy);
        }
        session.commit();
        LOG.warn("consumer {} moved event {} to {} after {} attempt(s): {}", settings.consumer(),
                copy.getStringProperty(Broker.PROP_EVENT_ID), EventDestinations.DLQ, attempt, reason);
    }

    /** Publishing inside the consumer session's transaction, from the consumer's own thread only. */
    private static final class SessionTransaction implements EventTransaction {
        private final Session session;
        private MessageProducer producer;
        private final EventDestinations.Cache destinations;
        private volatile Thread owner;

        SessionTransaction(Session session) {
            this.session = session;
            this.destinations = new EventDestinations.Cache(session);
        }

        void begin() {
            owner = Thread.currentThread();
        }

        void end() {
            owner = null;
        }

        @Override
        public boolean publish(CloudEvent event) throws JMSException {
            if (owner != Thread.currentThread()) {
                return false;
            }
            if (producer == null) {
                producer = session.createProducer(null);
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            }
            TextMessage message = session.createTextMessage(CloudEventJson.encode(event));
            Broker.stamp(message, event);
            producer.send(destinations.of(event.type()), message);
            return true;
        }
    }

    private static void rollbackQuietly(Session session) {
        try {
            session.rollback();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("rollback failed", e);
        }
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops consuming; the durable queue stays and keeps collecting events. */
    @Override
    public void close() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Broker.closeQuietly(connection);
    }
}
