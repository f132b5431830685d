package com.dce.analytics.report.api;

import com.dce.analytics.report.schedule.ReportSchedule;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A schedule as the API shows it, with its next fire time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleResource(
        UUID id,
        String name,
        String type,
        String cron,
        String zone,
        List<String> recipients,
        List<String> formats,
        List<String> metrics,
        @JsonProperty("group_by") List<String> groupBy,
        Map<String, Set<String>> filters,
        boolean active,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("cancelled_at") Instant cancelledAt,
        @JsonProperty("last_fire_time") Instant lastFireTime,
        @JsonProperty("next_fire_time") Instant nextFireTime,
        Map<String, String> links) {

    static ScheduleResource of(ReportSchedule s, Instant next) {
        String self = "/api/v1/report-schedules/" + s.id();
        return new ScheduleResource(
                s.id(),
                s.name(),
                s.kind().name().toLowerCase(Locale.ROOT),
                s.cron(),
                s.zone().getId(),
                s.recipients(),
                s.formats().stream()
                        .map(ReportSchedule.Format::extension)
                        .sorted()
                        .toList(),
                s.metrics(),
                s.groupBy(),
                s.filters(),
                s.active(),
                s.createdAt(),
                s.createdBy(),
                s.cancelledAt(),
                s.lastFireTime(),
                next,
                Map.of("self", self, "runs", self + "/runs"));
    }
}
