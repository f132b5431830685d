package com.dce.analytics.alert.api;

import com.dce.analytics.alert.silence.LabelMatcher;
import com.dce.analytics.alert.silence.Silence;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A silence as the API shows it, with its state now (pending, active or expired). */
record SilenceView(
        @JsonProperty("id") UUID id,
        @JsonProperty("matchers") List<LabelMatcher> matchers,
        @JsonProperty("starts_at") Instant startsAt,
        @JsonProperty("ends_at") Instant endsAt,
        @JsonProperty("comment") String comment,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("expired_by") String expiredBy,
        @JsonProperty("state") String state) {

    static SilenceView of(Silence s, Instant now) {
        return new SilenceView(
                s.id(),
                s.matchers(),
                s.startsAt(),
                s.endsAt(),
                s.comment(),
                s.createdBy(),
                s.createdAt(),
                s.expiredBy(),
                s.state(now));
    }

    /**
     * A new silence: matchers, when it starts (default now) and either when it ends or how long it
     * lasts ({@code duration}, e.g. {@code 2h}), and why.
     */
    record Request(
            @JsonProperty("matchers") List<LabelMatcher> matchers,
            @JsonProperty("starts_at") Instant startsAt,
            @JsonProperty("ends_at") Instant endsAt,
            @JsonProperty("duration") String duration,
            @JsonProperty("comment") String comment) {}
}
