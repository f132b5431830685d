package com.dce.analytics.report.schedule;

import com.dce.analytics.metrics.Audience;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A report sent on a cron schedule in a time zone: which period it covers (the day, ISO week or
 * month before the fire time, local), who receives it and in which formats, optionally the
 * metrics, grouping and filters of a custom report, and the audiences its creator may read (the
 * content is built for them). {@code lastFireTime} is the latest fire time dealt with.
 */
public record ReportSchedule(
        UUID id,
        String name,
        Kind kind,
        String cron,
        ZoneId zone,
        List<String> recipients,
        Set<Format> formats,
        List<String> metrics,
        List<String> groupBy,
        Map<String, Set<String>> filters,
        Set<Audience> audiences,
        Instant createdAt,
        String createdBy,
        UUID createdByKey,
        Instant cancelledAt,
        Instant lastFireTime) {

    public enum Kind {
        DAILY,
        WEEKLY,
        MONTHLY
    }

    public enum Format {
        CSV,
        PDF;

        public String extension() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ReportSchedule {
        recipients = List.copyOf(recipients);
        formats = Set.copyOf(formats);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        filters = filters == null ? Map.of() : Map.copyOf(filters);
        audiences = Set.copyOf(audiences);
    }

    public boolean active() {
        return cancelledAt == null;
    }
}
