package com.dce.analytics.report.api;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.events.EventJson;
import com.dce.analytics.report.ReportServiceApplication;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole service on a random port against the shared PostgreSQL, without Redis (history
 * answers) and with the schedule runner off (tests drive runs themselves); API keys of several
 * roles; a small HTTP client.
 */
@SpringBootTest(
        classes = ReportServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=report"})
abstract class ServiceTestBase {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> SharedInfrastructure.postgres().jdbcUrl());
        r.add(
                "spring.datasource.username",
                () -> SharedInfrastructure.postgres().username());
        r.add(
                "spring.datasource.password",
                () -> SharedInfrastructure.postgres().password());
        r.add("analytics.redis.url", () -> "");
        r.add("report.scheduler.enabled", () -> "false");
    }

    @LocalServerPort
    int port;

    @Autowired
    ApiKeyStore keys;

    final HttpClient http = HttpClient.newHttpClient();

    String key(Role role) {
        return keys.issue("test-" + role.name().toLowerCase() + "-" + System.nanoTime(), Set.of(role), "test")
                .secret();
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<byte[]> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> send(String method, String path, String key, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (key != null) {
            b.header("X-API-Key", key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        return EventJson.mapper().readTree(response.body());
    }
}
