package no.sentral.switchboard.internal.routes;

import java.util.List;
import no.sentral.api.event.EventHeaders;
import no.sentral.switchboard.internal.host.SwitchboardHost;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Keeps each company's running set-up current when its people or subscriptions change (names,
 * mobiles, barring) or another node changed its switchboard set-up. Reloads are coalesced: an import
 * of thousands of employees reloads the company a few times, not thousands.
 */
@Component(service = RoutesBuilder.class)
public class ReloadRoutes extends RouteBuilder {

    static final List<String> ADDRESSES = List.of("org.employee-created", "org.employee-changed",
            "org.employee-deleted", "subscription.activated", "subscription.changed", "subscription.terminated",
            "switchboard.configured");

    private final SwitchboardHost host;

    @Activate
    public ReloadRoutes(@Reference SwitchboardHost host) {
        this.host = host;
    }

    @Override
    public void configure() {
        for (String address : ADDRESSES) {
            from("sentral:sentral." + address + "?consumer=switchboard-reload-" + address.replace('.', '-')
                    + "&idempotent=false")
                    .routeId("switchboard-reload-on-" + address)
                    .process(exchange -> host.reloadSoon(exchange.getIn().getHeader(EventHeaders.TENANT, String.class)));
        }
    }
}
