package no.sentral.events.internal;

import no.sentral.api.event.EventBackbone.DeadLetter;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import javax.jms.Connection;
import javax.jms.ConnectionFactory;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.QueueBrowser;
import javax.jms.Session;

/** Reads (without consuming) what consumers gave up on, with their reasons. */
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
}
