package no.sentral.events.internal;

import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import no.sentral.api.event.CloudEventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable consumer of one event address: a JMS 2.0 shared durable subscription (one queue per
 * consumer name, shared by all its sessions and by every Karaf node). The queue outlives the
 * consumer: events published while it is stopped wait on the broker.
 *
 * <p>Events are taken in batches ({@code batchSize} events or {@code batchMillis} after the first,
 * whichever comes first), each batch in one database transaction (the "consumed" records, what the
 * handlers published, the handlers' own work) and one transacted broker session (the receipts and the
 * published events). The database commits first: a crash before the broker's commit redelivers the
 * batch, whose events are then duplicates; they are skipped and what they published is sent again,
 * which the broker drops where it already has it. So a batch is applied exactly once.
 *
 * <p>When a handler fails, the whole batch rolls back and comes again in the same order; the events
 * before the failing one are then taken as a batch of their own and the failing one alone, retried
 * with a growing pause (holding its tenant's message group, so the tenant's order is kept) and after
 * {@code maxAttempts} moved to {@value EventDestinations#DLQ} with the reason, in a transaction, so it
 * is neither lost nor duplicated. The events after it are not held up longer than that.
 */
public final class EventConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventConsumer.class);
    private static final long RECONNECT_MILLIS = 1_000;
    /** Failures remembered per session; a failing event is retried within seconds, so few are ever kept. */
    private static final int REMEMBERED_FAILURES = 10_000;

    private final ConnectionFactory factory;
    private final ConsumerSettings settings;
    private final ConsumedEvents consumed;
    private final EventHandler handler;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile javax.jms.Connection connection;

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
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < settings.concurrency(); i++) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            workers.add(new Worker(session, subscribe(session)));
        }
        connection.start();
        for (int i = 0; i < workers.size(); i++) {
            Thread thread = new Thread(workers.get(i)::run, "sentral-consumer-" + settings.consumer() + "-" + i);
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

    /** A received message and its event, or the reason it is not a CloudEvent. */
    private record Item(Message message, CloudEvent event, String malformed) {
    }

    /** One session and the thread that owns it. */
    private final class Worker {
        private final Session session;
        private final MessageConsumer consumer;
        private final SessionTransaction transaction;
        /** Sizes of the next batches after a failure: the events before the failing one, then it alone. */
        private final Deque<Integer> nextLimits = new ArrayDeque<>();
        private final Map<String, Failure> failures = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failure> eldest) {
                return size() > REMEMBERED_FAILURES;
            }
        };

        Worker(Session session, MessageConsumer consumer) throws JMSException {
            this.session = session;
            this.consumer = consumer;
            this.transaction = new SessionTransaction(session);
        }

        void run() {
            while (running) {
                try {
                    List<Message> batch = receive(nextLimits.isEmpty() ? settings.batchSize() : nextLimits.poll());
                    if (!batch.isEmpty()) {
                        process(batch);
                    }
                } catch (Exception e) {
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

        private List<Message> receive(int limit) throws JMSException {
            List<Message> batch = new ArrayList<>();
            Message first = consumer.receive(500);
            if (first == null) {
                return batch;
            }
            batch.add(first);
            long deadline = System.nanoTime() + settings.batchMillis() * 1_000_000;
            while (batch.size() < limit) {
                long left = deadline - System.nanoTime();
                Message next = left <= 0 ? consumer.receiveNoWait() : consumer.receive(Math.max(1, left / 1_000_000));
                if (next == null) {
                    break;
                }
                batch.add(next);
            }
            return batch;
        }

        private void process(List<Message> messages) throws Exception {
            List<Item> items = new ArrayList<>(messages.size());
            List<String> ids = new ArrayList<>(messages.size());
            for (Message message : messages) {
                Item item = decode(message);
                items.add(item);
                if (item.event != null && !exhausted(item.event.id())) {
                    ids.add(item.event.id());
                }
            }
            int failedAt = -1;
            Throwable failure = null;
            List<String> done = new ArrayList<>();
            try (ConsumedEvents.Batch db = settings.idempotent() && !ids.isEmpty() ? consumed.begin(settings.consumer()) : null) {
                Set<String> fresh = db == null ? null : db.record(ids);
                Map<String, List<String>> published = new HashMap<>();
                for (int i = 0; i < items.size() && failure == null; i++) {
                    Item item = items.get(i);
                    if (item.malformed != null) {
                        deadLetter(item.message, 1, "malformed CloudEvent: " + item.malformed);
                        continue;
                    }
                    String id = item.event.id();
                    if (exhausted(id)) {
                        Failure failed = failures.get(id);
                        deadLetter(item.message, failed.attempts, failed.reason);
                        done.add(id);
                    } else if (fresh != null && !fresh.remove(id)) {
                        LOG.debug("consumer {} skips duplicate event {}", settings.consumer(), id);
                        resend(db.publishedBy(List.of(id)).getOrDefault(id, List.of()));
                    } else {
                        try {
                            published.put(id, handle(item.event, db));
                            done.add(id);
                        } catch (Exception | Error e) {
                            // An Error too (e.g. NoClassDefFoundError after a bundle refresh): retry, then the DLQ,
                            // rather than a dead consumer thread holding an open transaction.
                            failedAt = i;
                            failure = e;
                        }
                    }
                }
                if (failure == null) {
                    if (db != null) {
                        db.published(published);
                        db.commit();
                    }
                    session.commit();
                    done.forEach(failures::remove);
                    return;
                }
            }
            // The database transaction is rolled back and closed: no locks are held while waiting.
            failed(failedAt, items.get(failedAt).event, failure);
        }

        /** An event that failed {@code maxAttempts} times: it goes to the DLQ, not recorded as consumed. */
        private boolean exhausted(String eventId) {
            Failure failed = failures.get(eventId);
            return failed != null && failed.attempts >= settings.maxAttempts();
        }

        /** Runs the handler; returns what it published, now sent into the session. */
        private List<String> handle(CloudEvent event, ConsumedEvents.Batch db) throws Exception {
            transaction.begin(db == null ? null : db.connection());
            try {
                handler.handle(event, transaction);
            } catch (Exception | Error e) {
                transaction.discard();
                throw e;
            }
            return transaction.send();
        }

        private Item decode(Message message) throws JMSException {
            try {
                return new Item(message, CloudEventJson.decode(((TextMessage) message).getText()), null);
            } catch (IllegalArgumentException | ClassCastException e) {
                return new Item(message, null, String.valueOf(e.getMessage()));
            }
        }

        /**
         * Rolls the batch back, so that it comes again in the same order, and isolates the event that
         * failed: the events before it come as a batch of their own, then it alone.
         */
        private void failed(int position, CloudEvent event, Throwable e) throws JMSException {
            String reason = reason(e);
            Failure failure = failures.merge(event.id(), new Failure(1, reason),
                    (before, now) -> new Failure(before.attempts + 1, reason));
            LOG.info("consumer {} failed on event {} (attempt {}/{}): {}", settings.consumer(), event.id(),
                    failure.attempts, settings.maxAttempts(), reason);
            if (failure.attempts < settings.maxAttempts()) {
                // Waiting here holds the tenant's message group, which keeps the tenant's events in order.
                sleep(settings.backoffMillis() * failure.attempts);
            }
            session.rollback();
            nextLimits.clear();
            if (position > 0) {
                nextLimits.add(position);
            }
            nextLimits.add(1);
        }

        private void resend(List<String> events) throws JMSException {
            for (String json : events) {
                transaction.sendNow(CloudEventJson.decode(json), json);
            }
        }

        private void deadLetter(Message message, int attempts, String reason) throws JMSException {
            TextMessage copy = session.createTextMessage(message instanceof TextMessage t ? t.getText() : null);
            for (String property : new String[] {Broker.PROP_EVENT_ID, Broker.PROP_TYPE, Broker.PROP_TENANT}) {
                if (message.propertyExists(property)) {
                    copy.setStringProperty(property, message.getStringProperty(property));
                }
            }
            copy.setStringProperty(EventDestinations.PROP_REASON, reason);
            copy.setStringProperty(EventDestinations.PROP_CONSUMER, settings.consumer());
            copy.setStringProperty(EventDestinations.PROP_ADDRESS, settings.address());
            copy.setIntProperty(EventDestinations.PROP_ATTEMPTS, attempts);
            transaction.deadLetter(copy);
            LOG.warn("consumer {} moves event {} to {} after {} attempt(s): {}", settings.consumer(),
                    copy.getStringProperty(Broker.PROP_EVENT_ID), EventDestinations.DLQ, attempts, reason);
        }
    }

    /** How often an event's handling failed in this session, and why the last time. */
    private record Failure(int attempts, String reason) {
    }

    /**
     * Publishing inside the consumer session's transaction, from the consumer's own thread only, while
     * an event is handled. What the handler publishes is held until it has succeeded, so that a failing
     * handler leaves nothing in the session.
     */
    private static final class SessionTransaction implements EventTransaction {
        private final Session session;
        private final MessageProducer producer;
        private final EventDestinations.Cache destinations;
        private final javax.jms.Queue dlq;
        private final List<CloudEvent> pending = new ArrayList<>();
        private volatile Thread owner;
        private Connection connection;

        SessionTransaction(Session session) throws JMSException {
            this.session = session;
            this.destinations = new EventDestinations.Cache(session);
            producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            dlq = session.createQueue(EventDestinations.DLQ);
        }

        void begin(Connection connection) {
            this.connection = connection;
            owner = Thread.currentThread();
        }

        /** Sends what the handler published into the session; returns it as JSON. */
        List<String> send() throws JMSException {
            end();
            List<String> sent = new ArrayList<>(pending.size());
            try {
                for (CloudEvent event : pending) {
                    String json = CloudEventJson.encode(event);
                    sendNow(event, json);
                    sent.add(json);
                }
            } finally {
                pending.clear();
            }
            return sent;
        }

        void discard() {
            end();
            pending.clear();
        }

        private void end() {
            owner = null;
            connection = null;
        }

        void sendNow(CloudEvent event, String json) throws JMSException {
            TextMessage message = session.createTextMessage(json);
            Broker.stamp(message, event);
            producer.send(destinations.of(event.type()), message);
        }

        void deadLetter(TextMessage copy) throws JMSException {
            producer.send(dlq, copy);
        }

        @Override
        public boolean publish(CloudEvent event) {
            if (owner != Thread.currentThread()) {
                return false;
            }
            pending.add(event);
            return true;
        }

        @Override
        public Connection connection() {
            return owner == Thread.currentThread() ? connection : null;
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
