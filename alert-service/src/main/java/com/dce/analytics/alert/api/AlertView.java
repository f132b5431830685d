package com.dce.analytics.alert.api;

import com.dce.analytics.alert.condition.Comparison;
import com.dce.analytics.alert.notify.Outbox;
import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.AlertEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An alert as the API shows it, with its timeline and notifications when asked for. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AlertView(
        @JsonProperty("id") UUID id,
        @JsonProperty("rule") String rule,
        @JsonProperty("group") Map<String, String> group,
        @JsonProperty("group_key") String groupKey,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("annotations") Map<String, String> annotations,
        @JsonProperty("severity") String severity,
        @JsonProperty("state") String state,
        @JsonProperty("condition") String condition,
        @JsonProperty("window") String window,
        @JsonProperty("value") BigDecimal value,
        @JsonProperty("threshold") BigDecimal threshold,
        @JsonProperty("summary") String summary,
        @JsonProperty("comparisons") List<Comparison> comparisons,
        @JsonProperty("receivers") List<String> receivers,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("fired_at") Instant firedAt,
        @JsonProperty("resolved_at") Instant resolvedAt,
        @JsonProperty("last_evaluated_at") Instant lastEvaluatedAt,
        @JsonProperty("last_notified_at") Instant lastNotifiedAt,
        @JsonProperty("acknowledged") Ack acknowledged,
        @JsonProperty("silenced_by") UUID silencedBy,
        @JsonProperty("link") String link,
        @JsonProperty("events") List<Event> events,
        @JsonProperty("notifications") List<Outbox.Row> notifications) {

    record Ack(
            @JsonProperty("at") Instant at,
            @JsonProperty("by") String by,
            @JsonProperty("key_id") UUID keyId,
            @JsonProperty("comment") String comment) {}

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Event(
            @JsonProperty("at") Instant at,
            @JsonProperty("kind") String kind,
            @JsonProperty("actor") String actor,
            @JsonProperty("message") String message,
            @JsonProperty("details") Map<String, Object> details) {

        static Event of(AlertEvent e) {
            return new Event(e.at(), e.kind(), e.actor(), e.message(), e.details());
        }
    }

    static AlertView of(Alert a, String link, List<AlertEvent> events, List<Outbox.Row> notifications) {
        return new AlertView(
                a.id(),
                a.ruleName(),
                a.group(),
                a.groupKey(),
                a.labels(),
                a.annotations(),
                a.severity().label(),
                a.state().label(),
                a.condition(),
                a.window(),
                a.value(),
                a.threshold(),
                a.summary(),
                a.details(),
                a.routes().stream().map(Route::receiver).toList(),
                a.startedAt(),
                a.firedAt(),
                a.resolvedAt(),
                a.lastEvaluatedAt(),
                a.lastNotifiedAt(),
                a.ack() == null
                        ? null
                        : new Ack(
                                a.ack().at(),
                                a.ack().by(),
                                a.ack().keyId(),
                                a.ack().comment()),
                a.silencedBy(),
                link,
                events == null ? null : events.stream().map(Event::of).toList(),
                notifications);
    }
}
