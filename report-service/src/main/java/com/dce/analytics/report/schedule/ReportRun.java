package com.dce.analytics.report.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * One fire time of a schedule and what became of it: who ran it, when, the report it produced and
 * how delivery went. {@code catchUp} marks runs made up for after downtime.
 */
public record ReportRun(
        UUID id,
        UUID scheduleId,
        Instant fireTime,
        Status status,
        boolean catchUp,
        String owner,
        Instant claimedAt,
        Instant startedAt,
        Instant finishedAt,
        UUID reportId,
        Delivery delivery,
        int deliveryAttempts,
        String deliveryDetail,
        String error) {

    public enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED,
        SKIPPED
    }

    /** ATTACHED: exports sent in the email; LINKED: download links sent (exports too large); FAILED: not sent. */
    public enum Delivery {
        ATTACHED,
        LINKED,
        FAILED
    }
}
