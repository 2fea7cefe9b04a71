package no.sentral.rest.internal;

import java.util.List;
import java.util.function.Supplier;
import javax.annotation.security.PermitAll;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** {@code GET /api/v1/openapi.json}: the OpenAPI 3 document of the resources deployed right now. */
@Path("/openapi.json")
public class OpenApiResource {

    private final Supplier<List<Class<?>>> resources;

    OpenApiResource(Supplier<List<Class<?>>> resources) {
        this.resources = resources;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public String openApi() {
        return new OpenApiGenerator().generate(resources.get(), "Sentral API", "v1", RestServer.PUBLIC_PATH).toString();
    }
}
