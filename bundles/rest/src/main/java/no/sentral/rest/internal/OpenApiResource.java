package no.sentral.rest.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** {@code GET /api/v1/openapi.json}: the OpenAPI 3 document of the resources deployed right now. */
@Path("/openapi.json")
public class OpenApiResource {

    private final ObjectNode document;

    /** {@code document} is the one of the endpoint generation this resource is part of. */
    OpenApiResource(ObjectNode document) {
        this.document = document;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode openApi() {
        return document;
    }
}
