package no.sentral.events.internal;

import no.sentral.api.event.CloudEventJson;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.jms.Connection;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;
import no.sentral.api.event.CloudEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last events of every address in memory for {@code sentral:events}, through a
 * non-durable wildcard subscription on {@code sentral.#}: it sees what is published without
 * taking anything away from the real consumers. It sees every event of the installation, so it
 * keeps them as they came and decodes only those asked for: decoding each one as it passed cost a
 * third as much CPU as a relay route's own handling of it. Its acknowledgements go to the broker in batches
 * (DUPS_OK): an event seen twice after a reconnect is harmless here, a packet per event is not.
 */
@Component(service = RecentEvents.class, immediate = true)
public class RecentEvents {

    static final int PER_ADDRESS = 200;
    private static final Logger LOG = LoggerFactory.getLogger(RecentEvents.class);

    /** The JSON of the last events, by address. */
    private final Map<String, Deque<String>> recent = new HashMap<>();
    private final Broker broker;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    @Activate
    public RecentEvents(@Reference Broker broker) {
        this.broker = broker;
        thread = new Thread(this::run, "sentral-recent-events");
        thread.setDaemon(true);
        thread.start();
    }

    @Deactivate
    void stop() throws InterruptedException {
        running = false;
        Broker.closeQuietly(connection);
        thread.join(5_000);
    }

    private void run() {
        while (running) {
            try {
                connection = broker.connectionFactory().createConnection();
                Session session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createTopic("sentral.#"));
                connection.start();
                while (running) {
                    Message message = consumer.receive(1_000);
                    if (message instanceof TextMessage text) {
                        remember(text);
                    }
                }
            } catch (JMSException | RuntimeException e) {
                if (running) {
                    LOG.debug("recent events subscription: {}", e.toString());
                    Broker.closeQuietly(connection);
                    sleep();
                }
            }
        }
    }

    private void remember(TextMessage message) throws JMSException {
        String text = message.getText();
        // Every Sentral event carries its address; a message from elsewhere is decoded to find it.
        String type = message.getStringProperty(Broker.PROP_TYPE);
        if (type == null) {
            CloudEvent event = decoded(text);
            if (event == null) {
                return;
            }
            type = event.type();
        }
        synchronized (recent) {
            Deque<String> events = recent.computeIfAbsent(type, k -> new ArrayDeque<>());
            if (events.size() == PER_ADDRESS) {
                events.removeFirst();
            }
            events.addLast(text);
            recent.notifyAll();
        }
    }

    private static CloudEvent decoded(String text) {
        try {
            return text == null ? null : CloudEventJson.decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The last {@code count} events of an address (all addresses when null), oldest first. */
    public List<CloudEvent> last(String address, int count) {
        List<String> texts = new ArrayList<>();
        synchronized (recent) {
            recent.forEach((type, events) -> {
                if (address == null || address.equals(type)) {
                    texts.addAll(events);
                }
            });
        }
        List<CloudEvent> all = new ArrayList<>(texts.size());
        for (String text : texts) {
            CloudEvent event = decoded(text);
            if (event != null) {
                all.add(event);
            }
        }
        // time is optional in CloudEvents: events without it sort first.
        all.sort(Comparator.comparing(CloudEvent::time, Comparator.nullsFirst(Comparator.naturalOrder())));
        return all.subList(Math.max(0, all.size() - count), all.size());
    }

    /** Waits up to {@code millis} for any new event; used by {@code sentral:events --follow}. */
    public void awaitNew(long millis) throws InterruptedException {
        synchronized (recent) {
            recent.wait(millis);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
