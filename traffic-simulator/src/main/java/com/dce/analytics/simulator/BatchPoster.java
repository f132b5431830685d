package com.dce.analytics.simulator;

import com.dce.analytics.events.AnalyticsEvent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Posts one batch to ingest and sees it through. Events ingest accepts or rejects are counted;
 * events it could not store but says may be retried (503, or failed items of a 207), and whole
 * batches on 429, 502, 503, 504 or an I/O error, are sent again after Retry-After (else an
 * exponential back-off), up to the retry limit; whatever it gives up on counts as failed, never
 * dropped silently. The returned future completes, normally, once every event is settled.
 */
final class BatchPoster {

    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(200);

    /** What is left to do with a batch after an answer: nothing, or send these events again after a wait. */
    private record Retry(List<AnalyticsEvent> events, Duration delay) {}

    private final HttpClient client;
    private final DriverSettings settings;
    private final Function<List<AnalyticsEvent>, byte[]> serializer;
    private final TrafficStats stats;
    private final Clock clock;

    BatchPoster(
            HttpClient client,
            DriverSettings settings,
            Function<List<AnalyticsEvent>, byte[]> serializer,
            TrafficStats stats,
            Clock clock) {
        this.client = client;
        this.settings = settings;
        this.serializer = serializer;
        this.stats = stats;
        this.clock = clock;
    }

    CompletableFuture<Void> post(List<AnalyticsEvent> events) {
        stats.eventsSent.add(events.size());
        return attempt(events, 0);
    }

    private CompletableFuture<Void> attempt(List<AnalyticsEvent> events, int retry) {
        HttpRequest request = HttpRequest.newBuilder(settings.batchUri())
                .timeout(settings.requestTimeout())
                .header("Content-Type", settings.format().contentType())
                .header("X-API-Key", settings.apiKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(serializer.apply(events)))
                .build();
        long started = System.nanoTime();
        stats.requests.increment();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, error) -> {
                    stats.latency(System.nanoTime() - started);
                    Optional<Retry> again = settle(response, error, events, retry);
                    if (again.isEmpty()) {
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    stats.retries.increment();
                    long waitMillis = again.get().delay().toMillis();
                    return CompletableFuture.runAsync(
                                    () -> {}, CompletableFuture.delayedExecutor(waitMillis, TimeUnit.MILLISECONDS))
                            .thenCompose(ignored -> attempt(again.get().events(), retry + 1));
                })
                .thenCompose(next -> next);
    }

    /** Counts what the answer settles and says what, if anything, to send again. */
    private Optional<Retry> settle(
            HttpResponse<byte[]> response, Throwable error, List<AnalyticsEvent> events, int retry) {
        if (error != null) {
            stats.error(error.getClass().getSimpleName() + ": " + error.getMessage());
            return retryOrGiveUp(events, retry, Optional.empty());
        }
        int status = response.statusCode();
        if (status >= 300) {
            stats.error("HTTP " + status);
        }
        boolean retryableStatus = status == 429 || status == 502 || status == 503 || status == 504;
        Optional<IngestReply> reply = IngestReply.parse(response.body());
        if (reply.isEmpty()
                || (retryableStatus && reply.get().retryableIndexes().isEmpty())) {
            if (retryableStatus) {
                return retryOrGiveUp(events, retry, retryAfter(response));
            }
            (status < 300 ? stats.accepted : status == 400 || status == 422 ? stats.rejected : stats.failed)
                    .add(events.size());
            return Optional.empty();
        }
        IngestReply counts = reply.get();
        stats.accepted.add(counts.accepted());
        stats.rejected.add(counts.rejected());
        List<AnalyticsEvent> again = counts.retryableIndexes().orElse(List.of()).stream()
                .filter(i -> i >= 0 && i < events.size())
                .map(events::get)
                .toList();
        stats.failed.add(Math.max(0, counts.failed() - again.size()));
        return again.isEmpty() ? Optional.empty() : retryOrGiveUp(again, retry, retryAfter(response));
    }

    private Optional<Retry> retryOrGiveUp(List<AnalyticsEvent> events, int retry, Optional<Duration> retryAfter) {
        if (retry >= settings.maxRetries()) {
            stats.failed.add(events.size());
            return Optional.empty();
        }
        Duration backOff = FIRST_BACK_OFF.multipliedBy(1L << Math.min(retry, 16));
        Duration wait =
                retryAfter.orElse(backOff.plusMillis(ThreadLocalRandom.current().nextLong(100)));
        return Optional.of(
                new Retry(events, wait.compareTo(settings.maxRetryWait()) > 0 ? settings.maxRetryWait() : wait));
    }

    /** Retry-After as delay-seconds or an HTTP date. */
    private Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration wait = Duration.between(clock.instant(), at.toInstant());
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        });
    }
}
