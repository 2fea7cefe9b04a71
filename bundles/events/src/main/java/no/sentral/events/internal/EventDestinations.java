package no.sentral.events.internal;

import java.util.HashMap;
import java.util.Map;

import javax.jms.Destination;
import javax.jms.JMSException;
import javax.jms.Session;
import no.sentral.api.event.EventAddress;

/** Maps event addresses to JMS destinations: events are multicast (topics), commands anycast (queues). */
final class EventDestinations {

    /** Where messages go that a consumer gave up on, with the reason in {@link #PROP_REASON}. */
    static final String DLQ = "sentral.dlq";
    static final String PROP_REASON = "sentral_dlq_reason";
    static final String PROP_CONSUMER = "sentral_dlq_consumer";
    static final String PROP_ADDRESS = "sentral_dlq_address";
    static final String PROP_ATTEMPTS = "sentral_dlq_attempts";

    private EventDestinations() {
    }

    static Destination destination(Session session, String address) throws JMSException {
        EventAddress parsed = EventAddress.parse(address);
        return parsed.isCommand() ? session.createQueue(parsed.toString()) : session.createTopic(parsed.toString());
    }

    /**
     * A session's destinations by address, each created once: the Artemis client asks the broker about
     * a destination whenever one is created, a blocking round trip that would otherwise cost every
     * message one. Single-threaded, like the session.
     */
    static final class Cache {
        private final Session session;
        private final Map<String, Destination> byAddress = new HashMap<>();

        Cache(Session session) {
            this.session = session;
        }

        Destination of(String address) throws JMSException {
            Destination d = byAddress.get(address);
            if (d == null) {
                d = destination(session, address);
                byAddress.put(address, d);
            }
            return d;
        }
    }

    /**
     * The durable queue of one consumer of an address. Named after both so that queues stay
     * unique on the broker and an operator reading the queue list can tell whose it is.
     */
    static String subscriptionName(String address, String consumer) {
        return EventAddress.parse(address) + "@" + consumer;
    }
}
