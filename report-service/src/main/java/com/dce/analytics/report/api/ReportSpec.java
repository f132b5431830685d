package com.dce.analytics.report.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** What to generate, as POSTed to {@code /api/v1/reports}. */
@Schema(
        description = "A report to generate. daily: date (default yesterday); weekly: year and ISO week (default"
                + " last week); monthly: year and month (default last month); custom: from and to (local dates or date-times"
                + " in zone, to exclusive), optionally metrics, group_by and filters.")
public record ReportSpec(
        @Schema(
                example = "daily",
                allowableValues = {"daily", "weekly", "monthly", "custom"})
        String type,

        @Schema(example = "2024-03-10") String date,
        @Schema(example = "2024") Integer year,
        @Schema(example = "10") Integer week,
        @Schema(example = "3") Integer month,
        @Schema(example = "2024-03-01") String from,
        @Schema(example = "2024-03-08") String to,
        @Schema(example = "America/New_York") String zone,

        @Schema(example = "[\"revenue_total\", \"connection_rate\"]")
        List<String> metrics,

        @JsonProperty("group_by") @Schema(example = "[\"buyer_id\"]")
        List<String> groupBy,

        @Schema(example = "{\"state\": [\"CA\", \"NY\"]}") Map<String, List<String>> filters,

        @Schema(
                description = "sync: answer 201 with the finished report; async: answer 202 with the job at"
                        + " once; auto (default): sync for periods up to report.sync-max-days",
                allowableValues = {"auto", "sync", "async"})
        String mode) {}
