package no.sentral.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's REST client against a real HTTP server: it waits for the API, and says what went wrong. */
class ApiTest {

    private HttpServer server;
    private final AtomicInteger contractReads = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger(2);
    private Api api;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // First the web server's own HTML page (the API not yet there), then a contract without /departments.
        server.createContext("/api/v1/openapi.json", ex -> {
            int read = contractReads.incrementAndGet();
            answer(ex, read == 1 ? 404 : 200, read == 1 ? "<html><body>Not Found</body></html>"
                    : read < 3 ? "{\"paths\":{\"/company\":{}}}" : "{\"paths\":{\"/company\":{},\"/departments\":{}}}");
        });
        server.createContext("/api/v1/departments", ex -> {
            if (!"Bearer t0ken".equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                answer(ex, 401, "{\"title\":\"Unauthorized\"}");
            } else if (unavailable.getAndDecrement() > 0) {
                answer(ex, 503, "{\"title\":\"Service Unavailable\"}");
            } else {
                answer(ex, 200, "[{\"id\":\"a\",\"name\":\"Salg\"}]");
            }
        });
        server.createContext("/api/v1/company", ex -> answer(ex, 422, "{\"title\":\"Unprocessable\"}"));
        server.start();
        api = new Api(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1"), "t0ken",
                Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void waitsUntilTheContractListsThePathsAndRidesOut503() throws Exception {
        api.awaitPaths(List.of("/company", "/departments"));
        assertEquals(3, contractReads.get());
        assertEquals("Salg", api.get("/departments").get(0).get("name").asText());
        assertEquals(-1, unavailable.get());
    }

    @Test
    void aRefusedChangeSaysWhatAndWhy() {
        IOException e = assertThrows(IOException.class, () -> api.change("PUT", "/company", java.util.Map.of()));
        assertEquals("PUT /company answered 422: {\"title\":\"Unprocessable\"}", e.getMessage());
    }

    @Test
    void givesUpWhenThePathsNeverCome() {
        Api impatient = new Api(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1"), "t0ken",
                Duration.ofMillis(200));
        assertThrows(IOException.class, () -> impatient.awaitPaths(List.of("/switchboard/config/{kind}/{id}")));
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
