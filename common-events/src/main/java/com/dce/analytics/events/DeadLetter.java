package com.dce.analytics.events;

import com.dce.analytics.events.validation.Violation;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An event that was refused, kept on the dead-letter topic for inspection with the reasons it
 * was refused and the request it came in.
 */
public record DeadLetter(
        @JsonProperty("received_at") Instant receivedAt,
        @JsonProperty("source") String source,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("index") int index,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("payload") String payload,
        @JsonProperty("violations") List<Violation> violations) {}
