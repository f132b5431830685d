package com.dce.analytics.alert.support;

import com.dce.analytics.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** The service's REST API as a client with one API key sees it. */
public final class Api {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String key;

    public Api(int port, String key) {
        this.port = port;
        this.key = key;
    }

    public HttpResponse<String> get(String path) {
        return get(path, "application/json");
    }

    public HttpResponse<String> get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    public HttpResponse<String> post(String path, String json) {
        return send(request(path)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    public HttpResponse<String> put(String path, String json, String ifMatch) {
        HttpRequest.Builder b =
                request(path).header("Accept", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return send(b);
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).header("Accept", "application/json").DELETE());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return b;
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
