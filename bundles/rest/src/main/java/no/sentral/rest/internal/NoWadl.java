package no.sentral.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxrs.model.wadl.WadlGenerator;

/**
 * Takes the place of CXF's WADL generator, which answered {@code ?_wadl} on any path under /api with an XML
 * description of the endpoint: before any login, and outside the OpenAPI contract. CXF puts a generator first
 * among every endpoint's pre-matching filters, and a provider of its class replaces the default one; this one
 * does nothing, so {@code _wadl} is a query parameter like any other, and no request pays for the generator
 * parsing its query string.
 */
final class NoWadl extends WadlGenerator {

    NoWadl(Bus bus) {
        super(bus);
    }

    @Override
    public void filter(ContainerRequestContext context) {
        // the document of this API is /api/v1/openapi.json
    }
}
