package com.dce.analytics.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How {@link HttpTrafficDriver} talks to ingest-service.
 *
 * @param baseUrl ingest's base URL; batches go to {@code {baseUrl}/api/v1/events/batch}
 * @param apiKey sent as {@code X-API-Key}
 * @param batchSize most events per request
 * @param concurrency most requests in flight (a request waiting to be retried counts)
 * @param flushInterval how often due events are sent in real-time mode, so a slow rate still
 *     flows in small batches rather than waiting to fill one
 * @param maxRetries retries of one batch on 429, 502–504 or I/O errors before giving up on it
 * @param maxRetryWait the longest wait before a retry, whatever Retry-After says
 */
public record DriverSettings(
        URI baseUrl,
        String apiKey,
        BodyFormat format,
        int batchSize,
        int concurrency,
        Duration flushInterval,
        Duration requestTimeout,
        int maxRetries,
        Duration maxRetryWait) {

    public DriverSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        apiKey = apiKey == null ? "" : apiKey;
        if (batchSize < 1 || concurrency < 1 || maxRetries < 0) {
            throw new IllegalArgumentException("batchSize and concurrency must be positive, maxRetries not negative");
        }
    }

    /** Batches of 500 as a JSON array, 4 in flight, flushed every 100 ms, up to 10 retries. */
    public static DriverSettings defaults(URI baseUrl, String apiKey) {
        return new DriverSettings(
                baseUrl,
                apiKey,
                BodyFormat.JSON,
                500,
                4,
                Duration.ofMillis(100),
                Duration.ofSeconds(30),
                10,
                Duration.ofSeconds(30));
    }

    public DriverSettings withFormat(BodyFormat newFormat) {
        return new DriverSettings(
                baseUrl,
                apiKey,
                newFormat,
                batchSize,
                concurrency,
                flushInterval,
                requestTimeout,
                maxRetries,
                maxRetryWait);
    }

    public DriverSettings withBatching(int newBatchSize, int newConcurrency) {
        return new DriverSettings(
                baseUrl,
                apiKey,
                format,
                newBatchSize,
                newConcurrency,
                flushInterval,
                requestTimeout,
                maxRetries,
                maxRetryWait);
    }

    public DriverSettings withRetries(int newMaxRetries, Duration newMaxRetryWait) {
        return new DriverSettings(
                baseUrl,
                apiKey,
                format,
                batchSize,
                concurrency,
                flushInterval,
                requestTimeout,
                newMaxRetries,
                newMaxRetryWait);
    }

    /** The batch endpoint. */
    public URI batchUri() {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/events/batch");
    }
}
