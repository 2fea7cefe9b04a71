package no.sentral.security.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import no.sentral.api.event.EventHeaders;
import no.sentral.api.security.CredentialsChanged;
import no.sentral.api.security.Secrets;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Brings {@value CredentialsChanged#EVENT} to this node's listeners. Every node must hear every change, so
 * each consumes through a subscription of its own, named by an id the node keeps in {@code data/} (a shared
 * consumer name would hand each event to one node only).
 */
@Component(service = RoutesBuilder.class)
public class CredentialRoutes extends RouteBuilder {

    static final String NODE_ID_FILE = "sentral-node-id";

    private final CredentialChanges changes;
    private final String node;

    @Activate
    public CredentialRoutes(@Reference CredentialChanges changes) throws IOException {
        this.changes = changes;
        this.node = nodeId(Path.of(System.getProperty("karaf.data", "data")));
    }

    /** This node's id: made once, kept across restarts so its subscription (and what waits in it) is found again. */
    static String nodeId(Path data) throws IOException {
        Path file = data.resolve(NODE_ID_FILE);
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String id = Secrets.random(9).toLowerCase().replaceAll("[^a-z0-9]", "0");
        Files.createDirectories(data);
        Files.writeString(file, id + "\n");
        return id;
    }

    @Override
    public void configure() {
        from("sentral:" + CredentialsChanged.EVENT + "?consumer=credentials-" + node + "&idempotent=false")
                .routeId("security-credentials-changed")
                .process(exchange -> changes.heard(CredentialsChanged.of(
                        exchange.getIn().getHeader(EventHeaders.TENANT, String.class),
                        exchange.getIn().getHeader(EventHeaders.SUBJECT, String.class))));
    }
}
