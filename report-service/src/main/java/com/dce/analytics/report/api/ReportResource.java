package com.dce.analytics.report.api;

import com.dce.analytics.report.archive.ReportRecord;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A report as the API shows it: status and percent done while it is built, download links once done. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportResource(
        UUID id,
        String kind,
        String title,
        String zone,
        @JsonProperty("period_start") LocalDateTime periodStart,
        @JsonProperty("period_end") LocalDateTime periodEnd,
        String status,
        int percent,
        String error,
        List<String> audiences,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("created_by") String createdBy,
        @JsonProperty("schedule_id") UUID scheduleId,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("csv_bytes") Integer csvBytes,
        @JsonProperty("pdf_bytes") Integer pdfBytes,
        Map<String, String> links) {

    static final String BASE = "/api/v1/reports/";

    static ReportResource of(ReportRecord r) {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", BASE + r.id());
        if (r.status() == ReportRecord.Status.DONE) {
            links.put("csv", BASE + r.id() + "/csv");
            links.put("pdf", BASE + r.id() + "/pdf");
            links.put("content", BASE + r.id() + "/content");
        }
        return new ReportResource(
                r.id(),
                r.kind().toLowerCase(java.util.Locale.ROOT),
                r.title(),
                r.zone(),
                r.periodStart(),
                r.periodEnd(),
                r.status().name().toLowerCase(java.util.Locale.ROOT),
                r.percent(),
                r.error(),
                r.audiences().stream().map(Enum::name).sorted().toList(),
                r.createdAt(),
                r.createdBy(),
                r.scheduleId(),
                r.startedAt(),
                r.finishedAt(),
                r.csvBytes(),
                r.pdfBytes(),
                links);
    }
}
