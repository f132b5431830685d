package com.dce.analytics.ingest.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Fails fast while Kafka is known to be down. After a failure the circuit is open for
 * {@code openFor}: requests are refused at once instead of each waiting the full Kafka timeout.
 * Then one request is let through as a trial (half-open); its success closes the circuit, its
 * failure opens it again.
 */
final class KafkaCircuit {

    enum State {
        CLOSED,
        OPEN,
        HALF_OPEN
    }

    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private Instant openUntil = Instant.EPOCH;

    KafkaCircuit(Duration openFor, Clock clock) {
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a request may talk to Kafka now; a true answer in half-open state makes it the trial. */
    synchronized boolean tryAcquire() {
        return switch (state) {
            case CLOSED -> true;
            case HALF_OPEN -> false;
            case OPEN -> {
                if (clock.instant().isBefore(openUntil)) {
                    yield false;
                }
                state = State.HALF_OPEN;
                yield true;
            }
        };
    }

    synchronized void recordSuccess() {
        state = State.CLOSED;
    }

    synchronized void recordFailure() {
        state = State.OPEN;
        openUntil = clock.instant().plus(openFor);
    }

    synchronized State state() {
        return state;
    }

    /** When a refused caller should come back: the rest of the open period, at least one second. */
    synchronized Duration retryAfter() {
        Instant now = clock.instant();
        if (!now.isBefore(openUntil)) {
            return Duration.ofSeconds(1);
        }
        long seconds = (Duration.between(now, openUntil).toMillis() + 999) / 1000;
        return Duration.ofSeconds(Math.max(1, seconds));
    }
}
