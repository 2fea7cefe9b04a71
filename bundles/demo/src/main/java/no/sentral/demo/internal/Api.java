package no.sentral.demo.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;

/**
 * The demo's way into Sentral: the public REST API with the demo company's API token, as an
 * integrator would seed a company. Waits for the resources it needs and rides out the moments when
 * the API answers 503 (an endpoint being rebuilt while bundles start).
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: its status and its body as JSON (missing when there is none). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;
    private final Duration patience;

    Api(URI base, String token, Duration patience) {
        this.base = base;
        this.token = token;
        this.patience = patience;
    }

    /** Waits until the served contract lists every path the demo uses (their bundles have started). */
    void awaitPaths(Collection<String> paths) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Answer contract = send("GET", "/openapi.json", null, null);
            JsonNode served = contract.body().path("paths");
            if (contract.ok() && paths.stream().allMatch(served::has)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the REST API did not offer " + paths + " within " + patience);
            }
            Thread.sleep(500);
        }
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return expect("GET " + path, send("GET", path, null, null));
    }

    /** A change that must succeed; {@code body} null sends none. */
    JsonNode change(String method, String path, Object body) throws IOException, InterruptedException {
        return expect(method + " " + path, body == null ? send(method, path, null, null)
                : send(method, path, "application/json", JSON.writeValueAsString(body)));
    }

    /** A change whose answer the caller reads (e.g. 428: it exists already). */
    Answer send(String method, String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                    return new Answer(response.statusCode(), json(response.body()));
                }
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(500);
        }
    }

    /** The body as JSON; none when it is not JSON (e.g. the web server's own page while the API starts). */
    private static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode expect(String what, Answer answer) throws IOException {
        if (!answer.ok()) {
            throw new IOException(what + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.body();
    }
}
