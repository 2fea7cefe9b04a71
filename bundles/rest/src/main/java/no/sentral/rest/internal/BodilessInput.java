package no.sentral.rest.internal;

import javax.servlet.http.HttpServletRequest;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;

/**
 * Spares a request without a body CXF's copy of its input. Before the first byte of an answer CXF copies
 * what is left of the request's input aside (a {@code CachedOutputStream}, in case the answer echoes it)
 * whenever the request's length is not 0 — and a GET has no length at all (-1), so every GET paid for an
 * empty copy: 3 % of the server's CPU for a page of the subscription list. Only a request that declares a
 * body has one (RFC 9112 section 6.3); for the others CXF merely drains the input, which is empty.
 */
final class BodilessInput extends AbstractPhaseInterceptor<Message> {

    /** CXF's own name of the switch ({@code OutgoingChainInterceptor} sets it for every answer). */
    static final String CACHE_INPUT = "cxf.io.cacheinput";

    BodilessInput() {
        // Out chain, before the answer is marshalled (its first write sends the headers and copies the input).
        super(Phase.PRE_STREAM);
    }

    @Override
    public void handleMessage(Message answer) {
        Message request = answer.getExchange() == null ? null : answer.getExchange().getInMessage();
        if (request != null && request.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest http
                && !hasBody(http)) {
            request.put(CACHE_INPUT, Boolean.FALSE);
        }
    }

    static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
