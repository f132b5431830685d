package com.dce.analytics.alert.notify;

import com.dce.analytics.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Posting JSON to a webhook and reading the answer as a {@link DeliveryResult}. Errors never quote
 * the URL: webhook URLs are secrets.
 */
final class Webhooks {

    private Webhooks() {}

    static DeliveryResult postJson(HttpClient http, URI url, Object body, Duration timeout) {
        try {
            HttpRequest request = HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "call-exchange-analytics-alert-service")
                    .POST(HttpRequest.BodyPublishers.ofString(EventJson.mapper().writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return DeliveryResult.ofHttp(
                    response.statusCode(),
                    response.body(),
                    retryAfter(response.headers().firstValue("Retry-After")));
        } catch (IOException e) {
            return DeliveryResult.retry(null, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.retry(null, "interrupted", null);
        } catch (IllegalArgumentException e) {
            return DeliveryResult.permanent(null, "the configured URL is not usable: " + e.getMessage());
        }
    }

    private static Duration retryAfter(Optional<String> header) {
        try {
            return header.map(h -> Duration.ofSeconds(Long.parseLong(h.trim()))).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
