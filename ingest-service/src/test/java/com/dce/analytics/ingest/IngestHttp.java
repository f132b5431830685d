package com.dce.analytics.ingest;

import com.dce.analytics.events.EventJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A plain HTTP client for the service under test, sending raw bodies and headers exactly as given. */
public final class IngestHttp {

    /** The key whose SHA-256 the test configuration (src/test/resources/application.properties) accepts. */
    public static final String API_KEY = "it-api-key-for-ingest-tests";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public IngestHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public HttpResponse<String> postEvent(String json) {
        return send(request("/api/v1/events")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> postBatch(String json) {
        return postBatch("application/json", json);
    }

    public HttpResponse<String> postBatch(String contentType, String body) {
        return send(request("/api/v1/events/batch")
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts a batch body without Content-Length (chunked), as a streaming client would. */
    public HttpResponse<String> postBatchStreamed(byte[] body) {
        return send(request("/api/v1/events/batch")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .GET());
    }

    /** A request to {@code path} that already carries the test API key. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", API_KEY);
    }

    public HttpRequest.Builder anonymousRequest(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode body(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }
}
