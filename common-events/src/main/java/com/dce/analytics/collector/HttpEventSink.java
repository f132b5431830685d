package com.dce.analytics.collector;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Publishes batches to ingest-service ({@code POST /api/v1/events/batch}). 2xx means Kafka
 * acknowledged every valid event; events ingest rejects as invalid are not retried (they would
 * be refused again; ingest keeps them on its dead-letter topic). 429, 503 and network errors
 * are retryable.
 */
public final class HttpEventSink implements EventSink {

    private final HttpClient client;
    private final URI uri;
    private final String apiKey;
    private final Duration timeout;

    public HttpEventSink(URI ingestBaseUrl, String apiKey, Duration timeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        this.uri = ingestBaseUrl.resolve("/api/v1/events/batch");
        this.apiKey = apiKey;
        this.timeout = timeout;
    }

    @Override
    public void publish(List<AnalyticsEvent> batch) throws PublishException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("X-API-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(EventJson.mapper().writeValueAsBytes(batch)))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PublishException("ingest unreachable: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted", true, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        boolean retryable = status == 429 || status == 503 || status == 502 || status == 504;
        throw new PublishException("ingest answered " + status + ": " + response.body(), retryable, null);
    }
}
