package no.sentral.api.routes;

/**
 * Camel routes in XML (the {@code <routes xmlns="http://camel.apache.org/schema/spring">} form)
 * offered to the Sentral route host as an OSGi service. The route host adds the routes when the
 * service appears and removes them when it goes, so a Blueprint file in {@code deploy/} that
 * registers one adds routes to the running system without restarting anything.
 */
public interface RouteSource {

    /** Name shown in {@code sentral:status} and in errors, e.g. the file or partner name. */
    String name();

    /** The routes document. */
    String xml();
}
