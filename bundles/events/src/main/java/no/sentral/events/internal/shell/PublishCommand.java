package no.sentral.events.internal.shell;

import no.sentral.api.event.CloudEvent;
import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventPublisher;
import no.sentral.shell.TenantCompleter;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "sentral", name = "publish", description = "Publishes an event (for tests and operations)")
@Service
public class PublishCommand implements Action {

    @Argument(index = 0, name = "address", required = true, description = "e.g. sentral.demo.greeting")
    String address;

    @Argument(index = 1, name = "tenant", required = true, description = "the company the event belongs to")
    @Completion(TenantCompleter.class)
    String tenant;

    @Argument(index = 2, name = "data", description = "JSON payload")
    String data;

    @Option(name = "--subject", description = "the entity the event is about")
    String subject;

    @Reference
    EventPublisher publisher;

    @Override
    public Object execute() {
        CloudEvent event = publisher.publish(EventAddress.parse(address), tenant, subject, data);
        System.out.println("published " + event.type() + " " + event.id());
        return null;
    }
}
