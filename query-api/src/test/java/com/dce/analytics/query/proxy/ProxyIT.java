package com.dce.analytics.query.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.query.support.Http;
import com.dce.analytics.query.support.RunningApi;
import com.dce.analytics.store.access.Role;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console's pass-through proxy against a real HTTP stub (JDK HttpServer) standing in for alert-service. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ProxyIT {

    private static RunningApi api;
    private static String key;

    record Seen(String method, String path, String query, String apiKey, String contentType, String body) {}

    @BeforeAll
    static void start() {
        api = RunningApi.get();
        key = api.issueKey("proxy-it", Role.OPERATOR);
    }

    @Test
    void shouldForwardMethodHeadersQueryAndBodyAndReturnStatusAndType() {
        // given an upstream that records what it got and answers 201 with a body
        AtomicReference<Seen> seen = new AtomicReference<>();
        api.alertStub().createContext("/api/v1/alert-rules", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.set(new Seen(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("X-API-Key"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(body, StandardCharsets.UTF_8)));
            byte[] answer = "{\"id\":\"r-1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.test+json");
            exchange.getResponseHeaders().add("Location", "/api/v1/alert-rules/r-1");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });

        // when the console posts through query-api
        Http.Answer a = Http.send(
                HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v1/alert-rules/r-1/test?dry_run=true&x=1"))
                        .header("Content-Type", "application/json")
                        .method("PUT", HttpRequest.BodyPublishers.ofString("{\"name\":\"high_drop_rate\"}")),
                key);

        // then
        assertThat(a.status()).isEqualTo(201);
        assertThat(a.contentType()).isEqualTo("application/vnd.test+json");
        assertThat(a.body()).isEqualTo("{\"id\":\"r-1\"}");
        assertThat(seen.get())
                .isEqualTo(new Seen(
                        "PUT",
                        "/api/v1/alert-rules/r-1/test",
                        "dry_run=true&x=1",
                        key,
                        "application/json",
                        "{\"name\":\"high_drop_rate\"}"));
    }

    @Test
    void shouldAnswer502WhenTheUpstreamIsDown() {
        Http.Answer a = Http.get(api.baseUrl() + "/api/v1/reports?limit=5", key);
        assertThat(a.status()).isEqualTo(502);
        assertThat(a.contentType()).startsWith("application/problem+json");
        assertThat(a.json().get("detail").asString()).contains("could not be reached");
    }

    @Test
    void shouldAnswer504WhenTheUpstreamIsTooSlow() {
        api.alertStub().createContext("/api/v1/silences", exchange -> {
            try {
                // longer than the proxy's 2 s timeout in tests
                Thread.sleep(3_000);
                exchange.sendResponseHeaders(204, -1);
            } catch (InterruptedException | IOException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        Http.Answer a = Http.get(api.baseUrl() + "/api/v1/silences", key);
        assertThat(a.status()).isEqualTo(504);
        assertThat(a.contentType()).startsWith("application/problem+json");
    }

    @Test
    void shouldStillRequireAKey() {
        assertThat(Http.get(api.baseUrl() + "/api/v1/alerts", null).status()).isEqualTo(401);
    }
}
