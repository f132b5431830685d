package com.dce.analytics.report.archive;

import com.dce.analytics.metrics.Audience;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.UUID;

/** A report as listed: what it covers, who asked, how far its generation got; never its bytes. */
public record ReportRecord(
        UUID id,
        String kind,
        String title,
        String zone,
        LocalDateTime periodStart,
        LocalDateTime periodEnd,
        Set<Audience> audiences,
        Status status,
        int percent,
        String error,
        Instant createdAt,
        String createdBy,
        UUID createdByKey,
        UUID scheduleId,
        Instant startedAt,
        Instant finishedAt,
        Integer csvBytes,
        Integer pdfBytes) {

    public enum Status {
        QUEUED,
        RUNNING,
        DONE,
        FAILED
    }
}
