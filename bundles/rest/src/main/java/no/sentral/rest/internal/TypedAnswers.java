package no.sentral.rest.internal;

import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.EntityTag;
import javax.ws.rs.core.HttpHeaders;
import no.sentral.api.spi.rest.Accepted;
import no.sentral.api.spi.rest.Created;
import no.sentral.api.spi.rest.Versioned;

/**
 * Turns the answer types of {@code no.sentral.api.spi.rest} into what they promise: status, {@code Location},
 * {@code ETag} and the body alone. The OpenAPI document reads the same types off the resource methods.
 */
final class TypedAnswers implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object entity = response.getEntity();
        if (entity instanceof Created<?> created) {
            response.setStatus(201);
            response.getHeaders().putSingle(HttpHeaders.LOCATION,
                    request.getUriInfo().getBaseUriBuilder().path(created.location()).build());
            if (created.version() != null) {
                response.getHeaders().putSingle(HttpHeaders.ETAG, new EntityTag(created.version().toString()));
            }
            response.setEntity(created.body());
        } else if (entity instanceof Versioned<?> versioned) {
            response.getHeaders().putSingle(HttpHeaders.ETAG, new EntityTag(String.valueOf(versioned.version())));
            response.setEntity(versioned.body());
        } else if (entity instanceof Accepted<?> accepted) {
            response.setStatus(202);
            response.setEntity(accepted.body());
        }
    }
}
