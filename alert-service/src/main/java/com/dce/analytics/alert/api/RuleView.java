package com.dce.analytics.alert.api;

import com.dce.analytics.alert.rule.AlertRule;
import com.dce.analytics.alert.rule.Durations;
import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.rule.StoredRule;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rule as the API shows it: the written form (what POST and PUT take, and the rules file holds)
 * plus its version, origin and who changed it when.
 */
@Schema(description = "An alert rule")
record RuleView(
        @JsonProperty("name") @Schema(example = "high_drop_rate")
        String name,

        @JsonProperty("description") String description,

        @JsonProperty("condition") @Schema(example = "drop_rate > 0.05")
        String condition,

        @JsonProperty("window") @Schema(example = "5m") String window,

        @JsonProperty("severity") @Schema(allowableValues = {"critical", "warning", "info"})
        String severity,

        @JsonProperty("for") @Schema(example = "0s") String forDuration,

        @JsonProperty("keep_firing_for") @Schema(example = "0s")
        String keepFiringFor,

        @JsonProperty("repeat_interval") @Schema(example = "4h")
        String repeatInterval,

        @JsonProperty("filters") @Schema(example = "{\"state\": [\"CA\"]}")
        Map<String, List<String>> filters,

        @JsonProperty("group_by") @Schema(example = "[\"buyer_id\"]")
        List<String> groupBy,

        @JsonProperty("parameters") Map<String, BigDecimal> parameters,
        @JsonProperty("labels") Map<String, String> labels,
        @JsonProperty("annotations") Map<String, String> annotations,

        @JsonProperty("notification")
        @Schema(example = "[{\"slack\": \"#ops-alerts\"}, {\"pagerduty\": \"on-call\"}, {\"email\": \"ops@dce.com\"}]")
        List<Map<String, String>> notification,

        @JsonProperty("enabled") boolean enabled,

        @JsonProperty("version") @Schema(accessMode = Schema.AccessMode.READ_ONLY)
        Integer version,

        @JsonProperty("source") @Schema(accessMode = Schema.AccessMode.READ_ONLY)
        String source,

        @JsonProperty("created_at") @Schema(accessMode = Schema.AccessMode.READ_ONLY)
        Instant createdAt,

        @JsonProperty("created_by") @Schema(accessMode = Schema.AccessMode.READ_ONLY)
        String createdBy,

        @JsonProperty("updated_at") @Schema(accessMode = Schema.AccessMode.READ_ONLY)
        Instant updatedAt,

        @JsonProperty("updated_by") @Schema(accessMode = Schema.AccessMode.READ_ONLY)
        String updatedBy) {

    static RuleView of(StoredRule stored) {
        AlertRule r = stored.rule();
        return new RuleView(
                r.name(),
                r.description(),
                r.condition(),
                Durations.format(r.window()),
                r.severity().label(),
                Durations.format(r.forDuration()),
                Durations.format(r.keepFiringFor()),
                Durations.format(r.repeatInterval()),
                r.filters(),
                r.groupBy(),
                r.parameters(),
                r.labels(),
                r.annotations(),
                r.routes().stream()
                        .map(route -> Map.of(route.channel().label(), route.target()))
                        .toList(),
                r.enabled(),
                stored.version(),
                stored.source(),
                stored.createdAt(),
                stored.createdBy(),
                stored.updatedAt(),
                stored.updatedBy());
    }

    static List<String> receivers(AlertRule r) {
        return r.routes().stream().map(Route::receiver).toList();
    }
}
