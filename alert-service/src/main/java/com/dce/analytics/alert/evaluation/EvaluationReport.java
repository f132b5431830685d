package com.dce.analytics.alert.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What one evaluation cycle did: whether it ran (another replica may have had the lease), how many
 * rules and distinct store queries it took, what failed and what changed, and how long it took
 * (store queries; reading alert state and evaluating conditions; writing the changes; in all).
 */
public record EvaluationReport(
        @JsonProperty("at") Instant at,
        @JsonProperty("evaluated") boolean evaluated,
        @JsonProperty("skipped_reason") String skippedReason,
        @JsonProperty("rules") int rules,
        @JsonProperty("shapes") int shapes,
        @JsonProperty("queries") int queries,
        @JsonProperty("failed_queries") int failedQueries,
        @JsonProperty("skipped_rules") int skippedRules,
        @JsonProperty("active_alerts") int activeAlerts,
        @JsonProperty("transitions") int transitions,
        @JsonProperty("notifications") int notifications,
        @JsonProperty("query_millis") long queryMillis,
        @JsonProperty("evaluate_millis") long evaluateMillis,
        @JsonProperty("write_millis") long writeMillis,
        @JsonProperty("total_millis") long totalMillis) {

    static EvaluationReport skipped(Instant at, String reason) {
        return new EvaluationReport(at, false, reason, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
