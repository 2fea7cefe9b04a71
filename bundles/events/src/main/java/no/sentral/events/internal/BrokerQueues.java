package no.sentral.events.internal;

import no.sentral.api.event.EventBackbone.QueueInfo;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Queue depths of the embedded broker, read from its JMX beans in this JVM. An external broker
 * has its own console; then this list is empty.
 */
final class BrokerQueues {

    private BrokerQueues() {
    }

    static List<QueueInfo> sentralQueues() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<QueueInfo> queues = new ArrayList<>();
        try {
            for (ObjectName name : server.queryNames(new ObjectName(
                    "org.apache.activemq.artemis:broker=*,component=addresses,address=*,subcomponent=queues,"
                            + "routing-type=*,queue=*"), null)) {
                String address = key(name, "address");
                // sentral.# is the wildcard subscription of sentral:events, not a consumer of its own.
                if (address.startsWith("sentral.") && !address.endsWith("#")) {
                    queues.add(new QueueInfo(address, key(name, "queue"),
                            ((Number) server.getAttribute(name, "MessageCount")).longValue(),
                            ((Number) server.getAttribute(name, "ConsumerCount")).intValue()));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the broker's queues: " + e.getMessage(), e);
        }
        queues.sort((a, b) -> (a.address() + a.queue()).compareTo(b.address() + b.queue()));
        return queues;
    }

    /** Artemis quotes names in its bean names and escapes the dots in them. */
    private static String key(ObjectName name, String key) {
        String value = name.getKeyProperty(key);
        if (value.startsWith("\"")) {
            value = ObjectName.unquote(value);
        }
        return value.replace("\\.", ".");
    }
}
