package com.dce.analytics.report.api;

import com.dce.analytics.report.schedule.ReportRun;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** One run of a schedule: status, timing and delivery outcome. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResource(
        UUID id,
        @JsonProperty("schedule_id") UUID scheduleId,
        @JsonProperty("schedule_name") String scheduleName,
        @JsonProperty("fire_time") Instant fireTime,
        String status,
        @JsonProperty("catch_up") boolean catchUp,
        String owner,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("duration_ms") Long durationMs,
        @JsonProperty("report_id") UUID reportId,
        String delivery,
        @JsonProperty("delivery_attempts") int deliveryAttempts,
        @JsonProperty("delivery_detail") String deliveryDetail,
        String error,
        @JsonProperty("report_link") String reportLink) {

    static RunResource of(ReportRun r, String scheduleName) {
        return new RunResource(
                r.id(),
                r.scheduleId(),
                scheduleName,
                r.fireTime(),
                r.status().name().toLowerCase(Locale.ROOT),
                r.catchUp(),
                r.owner(),
                r.startedAt(),
                r.finishedAt(),
                r.startedAt() == null || r.finishedAt() == null
                        ? null
                        : Duration.between(r.startedAt(), r.finishedAt()).toMillis(),
                r.reportId(),
                r.delivery() == null ? null : r.delivery().name().toLowerCase(Locale.ROOT),
                r.deliveryAttempts(),
                r.deliveryDetail(),
                r.error(),
                r.reportId() == null ? null : ReportResource.BASE + r.reportId());
    }
}
