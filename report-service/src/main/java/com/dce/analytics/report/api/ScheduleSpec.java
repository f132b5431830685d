package com.dce.analytics.report.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** A schedule to create, as POSTed to {@code /api/v1/report-schedules}. */
@Schema(
        description = "A report sent by email on a cron schedule. The report covers the last complete day, ISO week"
                + " or month before each fire time, local to zone.")
public record ScheduleSpec(
        @Schema(example = "Finance daily") String name,

        @Schema(
                example = "daily",
                allowableValues = {"daily", "weekly", "monthly"})
        String type,

        @Schema(
                example = "0 6 * * *",
                description = "5 fields (minute hour day-of-month month day-of-week), 6 with seconds"
                        + " first, or a macro such as @daily; evaluated in zone")
        String cron,

        @Schema(example = "America/New_York") String zone,
        @Schema(example = "[\"finance@example.com\"]") List<String> recipients,
        @Schema(example = "[\"pdf\", \"csv\"]") List<String> formats,
        List<String> metrics,
        @JsonProperty("group_by") List<String> groupBy,
        Map<String, List<String>> filters) {}
