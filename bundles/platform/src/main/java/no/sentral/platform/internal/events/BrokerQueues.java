package no.sentral.platform.internal.events;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Queue depths of the embedded broker, read from its JMX beans in this JVM. An external broker
 * has its own console; then this list is empty.
 */
public final class BrokerQueues {

    public record QueueInfo(String address, String queue, long depth, int consumers) {
    }

    private BrokerQueues() {
    }

    public static List<QueueInfo> sentralQueues() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<QueueInfo> queues = new ArrayList<>();
        try {
            for (ObjectName name : server.queryNames(new ObjectName(
                    "org.apache.activemq.artemis:broker=*,component=addresses,address=*,subcomponent=queues,"
                            + "routing-type=*,queue=*"), null)) {
                String address = ObjectName.unquote(name.getKeyProperty("address"));
                if (address.startsWith("sentral.")) {
                    queues.add(new QueueInfo(address, ObjectName.unquote(name.getKeyProperty("queue")),
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
}
