package no.sentral.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

/**
 * Refuses request bodies over the limit with 413: at once when Content-Length says so, and while
 * reading when the body is chunked, so an endless body cannot fill the heap.
 */
@PreMatching
final class BodyLimitFilter implements ContainerRequestFilter {

    /** Bulk imports ({@code /api/v1/import/...}) carry whole files and get their own, larger limit. */
    static final String IMPORT_PATH = "import/";

    private final long maxBytes;
    private final long maxImportBytes;

    BodyLimitFilter(long maxBytes, long maxImportBytes) {
        this.maxBytes = maxBytes;
        this.maxImportBytes = maxImportBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        long limit = (path.startsWith("/") ? path.substring(1) : path).startsWith(IMPORT_PATH) ? maxImportBytes
                : maxBytes;
        if (request.getLength() > limit) {
            request.abortWith(Problems.response(413, "payload-too-large", "Payload too large", message(limit)));
            return;
        }
        // Only a request that declares a body has one (RFC 9112 section 6.3); CXF's hasEntity() would copy the
        // input of every GET aside to look. The header, not getLength(): that is -1 beyond 2 GB.
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && !length.strip().equals("0") || request.getHeaderString("Transfer-Encoding") != null) {
            request.setEntityStream(new Limited(request.getEntityStream(), limit));
        }
    }

    /**
     * The limit's 413 when it is somewhere in {@code e}'s causes: Jackson wraps exceptions thrown
     * by the stream it reads, and a chunked body over the limit must still answer 413.
     */
    static WebApplicationException tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WebApplicationException w && w.getResponse().getStatus() == 413) {
                return w;
            }
        }
        return null;
    }

    private static String message(long limit) {
        return "request bodies here are limited to " + limit + " bytes";
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) {
            count += n;
            if (count > limit) {
                throw new WebApplicationException(message(limit), Response.Status.REQUEST_ENTITY_TOO_LARGE);
            }
        }
    }
}
