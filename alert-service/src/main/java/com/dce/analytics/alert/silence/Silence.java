package com.dce.analytics.alert.silence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A silence: while {@code [startsAt, endsAt)} covers the evaluation time, alerts whose labels
 * match every matcher send no notifications (they still change state and are recorded).
 */
public record Silence(
        UUID id,
        List<LabelMatcher> matchers,
        Instant startsAt,
        Instant endsAt,
        String comment,
        String createdBy,
        Instant createdAt,
        String expiredBy) {

    public Silence {
        matchers = List.copyOf(matchers);
    }

    public boolean activeAt(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(endsAt);
    }

    public boolean matches(Map<String, String> labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public String state(Instant now) {
        return now.isBefore(startsAt) ? "pending" : now.isBefore(endsAt) ? "active" : "expired";
    }
}
