package com.dce.analytics.collector;

import java.time.Duration;

/**
 * How a collector batches: up to {@code batchSize} events or {@code linger}, whichever first; at
 * most {@code queueCapacity} events wait (beyond that, events are counted as dropped rather than
 * blocking the caller); failed batches are retried with exponential back-off up to
 * {@code maxAttempts}.
 */
public record CollectorSettings(
        String service,
        String environment,
        String version,
        int batchSize,
        Duration linger,
        int queueCapacity,
        int maxAttempts,
        Duration initialBackoff) {

    public static CollectorSettings defaults(String service) {
        return new CollectorSettings(
                service, "production", "1", 500, Duration.ofMillis(200), 100_000, 8, Duration.ofMillis(100));
    }
}
