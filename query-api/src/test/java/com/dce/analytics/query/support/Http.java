package com.dce.analytics.query.support;

import com.dce.analytics.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A tiny JSON HTTP client for tests. */
public final class Http {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A response with its body parsed as JSON when it is JSON. */
    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            return EventJson.mapper().readTree(body);
        }
    }

    private Http() {}

    public static Answer get(String url, String key) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), key);
    }

    public static Answer post(String url, String key, String json) {
        return send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                key);
    }

    public static Answer delete(String url, String key) {
        return send(HttpRequest.newBuilder(URI.create(url)).DELETE(), key);
    }

    public static Answer send(HttpRequest.Builder request, String key) {
        if (key != null) {
            request.header("X-API-Key", key);
        }
        request.timeout(Duration.ofSeconds(30));
        try {
            HttpResponse<String> r = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
