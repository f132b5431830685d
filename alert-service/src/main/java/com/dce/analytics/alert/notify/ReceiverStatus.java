package com.dce.analytics.alert.notify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * The health of one receiver (e.g. {@code slack:#ops-alerts}) as the outbox sees it.
 *
 * @param consecutiveFailures failed attempts since the last delivery
 * @param waiting notifications queued or being retried
 * @param givenUp notifications given up on in the period asked for
 */
public record ReceiverStatus(
        @JsonProperty("receiver") String receiver,
        @JsonProperty("last_attempt_at") Instant lastAttemptAt,
        @JsonProperty("last_delivered_at") Instant lastDeliveredAt,
        @JsonProperty("consecutive_failures") int consecutiveFailures,
        @JsonProperty("last_error") String lastError,
        @JsonProperty("waiting") long waiting,
        @JsonProperty("given_up") long givenUp) {}
