package no.sentral.rest.internal;

import java.util.function.BooleanSupplier;
import javax.annotation.Priority;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.Path;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

/**
 * Everything under {@code /api} that is not the API (another path, or one that leaves {@code /v1} once its
 * encoded slashes and dots are read): a 404 problem, where CXF would answer its own HTML page. A path under
 * {@code /v1} lands here only before the API's first build at start (later ones replace it in one step): 503. It is
 * the resource of an endpoint at {@code /api} and, before any matching, the filter that answers every request
 * to it; JAX-RS needs the resource method to build the endpoint at all.
 */
@Path("/")
@PreMatching
@Priority(Priorities.USER)
public final class Elsewhere implements ContainerRequestFilter {

    private final BooleanSupplier apiUp;

    Elsewhere(BooleanSupplier apiUp) {
        this.apiUp = apiUp;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(false);
        if (!apiUp.getAsBoolean()
                && (path.startsWith("/") ? path.substring(1) : path).startsWith(RestServer.ADDRESS.substring(1) + "/")) {
            request.abortWith(Response.fromResponse(Problems.response(503, "starting", "Service unavailable",
                    "the API is being built; try again in a moment")).header(HttpHeaders.RETRY_AFTER, "1").build());
        } else {
            request.abortWith(Problems.response(404, "not-found", "Not found", "no such resource"));
        }
    }

    @GET
    public void none() {
        throw new NotFoundException();
    }
}
