package no.sentral.organisation.internal.rest;

import javax.ws.rs.core.SecurityContext;
import no.sentral.api.failure.Parse;
import no.sentral.api.security.SentralPrincipal;
import no.sentral.api.spi.rest.Versioned;
import no.sentral.organisation.internal.service.Page;

/** What every organisation resource does the same way: the caller, versions as ETags, If-Match. */
final class Http {

    private Http() {
    }

    /** The page asked for; offset paging counts the total unless told not to, cursor paging only when told to. */
    static Page.Window window(int offset, int limit, String after, Boolean count) {
        return new Page.Window(offset, limit, after, count == null ? after == null : count);
    }

    static SentralPrincipal caller(SecurityContext security) {
        return (SentralPrincipal) security.getUserPrincipal();
    }

    /** The entity with its version as a strong ETag, so that the client can send it back in If-Match. */
    static <T> Versioned<T> tagged(T entity, int version) {
        return new Versioned<>(entity, version);
    }

    /** The version named by a required If-Match header. */
    static int ifMatch(String header) {
        return Parse.expectedVersion(header);
    }
}
