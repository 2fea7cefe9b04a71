package no.sentral.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.ExchangeImpl;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.junit.jupiter.api.Test;

class BodilessInputTest {

    @Test
    void onlyRequestsWithoutABodyAreSparedTheCopy() {
        assertEquals(Boolean.FALSE, cacheInputAfter(-1, Map.of()), "a GET: no length, no body");
        assertEquals(Boolean.FALSE, cacheInputAfter(0, Map.of()), "Content-Length: 0");
        assertEquals(Boolean.TRUE, cacheInputAfter(12, Map.of()), "a body with its length");
        assertEquals(Boolean.TRUE, cacheInputAfter(-1, Map.of("Transfer-Encoding", "chunked")), "a chunked body");
    }

    /** CXF's switch on the request after the interceptor ran on the answer (CXF sets it to true beforehand). */
    private static Object cacheInputAfter(long contentLength, Map<String, String> headers) {
        HttpServletRequest http = (HttpServletRequest) Proxy.newProxyInstance(BodilessInputTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getContentLengthLong" -> contentLength;
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Exchange exchange = new ExchangeImpl();
        Message request = new MessageImpl();
        request.put(AbstractHTTPDestination.HTTP_REQUEST, http);
        request.put(BodilessInput.CACHE_INPUT, Boolean.TRUE);
        exchange.setInMessage(request);
        Message answer = new MessageImpl();
        answer.setExchange(exchange);
        new BodilessInput().handleMessage(answer);
        return request.get(BodilessInput.CACHE_INPUT);
    }
}
