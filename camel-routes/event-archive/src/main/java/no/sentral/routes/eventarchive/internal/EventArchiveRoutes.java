package no.sentral.routes.eventarchive.internal;

import no.sentral.api.event.EventAddress;
import no.sentral.api.event.EventHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Archives events as JSON lines, one file per address, tenant and day. Each address gets its own
 * durable consumer {@code event-archive}, so nothing published while the bundle is away is lost.
 */
@Component(service = RoutesBuilder.class, configurationPid = "no.sentral.routes.eventarchive")
@Designate(ocd = EventArchiveRoutes.Config.class)
public class EventArchiveRoutes extends RouteBuilder {

    static final String CONSUMER = "event-archive";

    @ObjectClassDefinition(name = "Sentral event archive route")
    public @interface Config {
        @AttributeDefinition(description = "Event addresses to archive")
        String[] addresses() default {"sentral.demo.greeting"};

        @AttributeDefinition(description = "Folder of the archive")
        String directory() default "data/sentral/archive";
    }

    private String[] addresses;
    private String directory;

    @Activate
    void activate(Config config) {
        addresses = config.addresses();
        directory = config.directory();
    }

    /** Plain construction for tests and for use outside OSGi. */
    EventArchiveRoutes with(String directory, String... addresses) {
        this.directory = directory;
        this.addresses = addresses;
        return this;
    }

    @Override
    public void configure() {
        for (String text : addresses) {
            EventAddress address = EventAddress.parse(text.strip());
            from("sentral:" + address + "?consumer=" + CONSUMER)
                    .routeId("archive-" + address.domain() + "-" + address.event())
                    .setHeader(Exchange.FILE_NAME, simple("${header." + EventHeaders.TENANT + "}/" + address
                            + "-${date:now:yyyy-MM-dd}.jsonl"))
                    .to("file:" + directory + "?fileExist=Append&appendChars=\\n");
        }
    }
}
