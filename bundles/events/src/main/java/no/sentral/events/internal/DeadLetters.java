package no.sentral.events.internal;

import no.sentral.api.event.EventBackbone.DeadLetter;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.Destination;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.QueueBrowser;
import javax.jms.Session;
import javax.jms.TextMessage;
import no.sentral.api.event.CloudEventJson;
import no.sentral.api.event.EventAddress;
import org.apache.activemq.artemis.jms.client.ActiveMQDestination;

/** What consumers gave up on, with their reasons: read without consuming, given back, or discarded. */
final class DeadLetters {

    private DeadLetters() {
    }

    static List<DeadLetter> browse(ConnectionFactory factory, int max) throws JMSException {
        List<DeadLetter> letters = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            try (QueueBrowser browser = session.createBrowser(session.createQueue(EventDestinations.DLQ))) {
                Enumeration<?> messages = browser.getEnumeration();
                while (messages.hasMoreElements() && letters.size() < max) {
                    Message m = (Message) messages.nextElement();
                    letters.add(new DeadLetter(m.getStringProperty(Broker.PROP_EVENT_ID),
                            m.getStringProperty(Broker.PROP_TYPE), m.getStringProperty(Broker.PROP_TENANT),
                            m.getStringProperty(EventDestinations.PROP_CONSUMER),
                            m.propertyExists(EventDestinations.PROP_ATTEMPTS)
                                    ? m.getIntProperty(EventDestinations.PROP_ATTEMPTS) : 0,
                            m.getStringProperty(EventDestinations.PROP_REASON)));
                }
            }
        }
        return letters;
    }

    /**
     * Takes the dead letter of {@code eventId} off the DLQ; with {@code retry}, sends it in the same
     * transaction to the end of the queue of the consumer that gave up on it, so that only that consumer
     * sees it again. Without the broker's duplicate id: the broker has seen the event id before.
     */
    static boolean take(ConnectionFactory factory, String eventId, boolean retry) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            connection.start();
            String selector = Broker.PROP_EVENT_ID + " = '" + eventId.replace("'", "''") + "'";
            try (MessageConsumer consumer = session.createConsumer(session.createQueue(EventDestinations.DLQ), selector)) {
                Message letter = consumer.receive(1_000);
                if (letter == null) {
                    session.rollback();
                    return false;
                }
                if (retry) {
                    TextMessage copy = session.createTextMessage(((TextMessage) letter).getText());
                    Broker.stamp(copy, CloudEventJson.decode(copy.getText()), false);
                    try (MessageProducer producer = session.createProducer(consumerQueue(session, letter))) {
                        producer.send(copy);
                    }
                }
                session.commit();
                return true;
            }
        }
    }

    /**
     * A command consumer reads its anycast queue; an event consumer its own queue of the multicast address,
     * named as a fully qualified queue ({@code address::queue}, the queue named as the JMS client names a
     * shared durable subscription's) so that no other consumer gets the event again.
     */
    private static Destination consumerQueue(Session session, Message letter) throws JMSException {
        String address = letter.getStringProperty(EventDestinations.PROP_ADDRESS);
        String consumer = letter.getStringProperty(EventDestinations.PROP_CONSUMER);
        if (address == null || consumer == null) {
            throw new IllegalStateException("dead letter " + letter.getStringProperty(Broker.PROP_EVENT_ID)
                    + " does not say whose it is");
        }
        return EventAddress.parse(address).isCommand() ? session.createQueue(address)
                : session.createTopic(address + "::" + ActiveMQDestination.createQueueNameForSubscription(true, null,
                        EventDestinations.subscriptionName(address, consumer)));
    }
}
