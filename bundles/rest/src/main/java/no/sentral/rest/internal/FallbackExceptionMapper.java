package no.sentral.rest.internal;

import java.util.UUID;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything else is our fault: 500, with an id to find the stack trace in the log, and no internals. */
final class FallbackExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("REST request failed, incident {}", incident, e);
        return Problems.response(500, "internal", "Internal error",
                "the server failed; quote incident " + incident + " when reporting it");
    }
}
