package com.dce.analytics.report.content;

import com.dce.analytics.metrics.Audience;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What to report on: the period, and for a custom report the metrics, their grouping and filters
 * (no metrics means the standard content). {@code audiences} are the metric audiences the reader
 * may see; sections for other audiences are left out and named in the report.
 */
public record ReportRequest(
        ReportPeriod period,
        List<String> metrics,
        List<String> groupBy,
        Map<String, Set<String>> filters,
        Set<Audience> audiences) {

    public ReportRequest {
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        filters = filters == null ? Map.of() : new TreeMap<>(filters);
        audiences =
                audiences == null || audiences.isEmpty() ? EnumSet.noneOf(Audience.class) : EnumSet.copyOf(audiences);
    }

    public static ReportRequest standard(ReportPeriod period, Set<Audience> audiences) {
        return new ReportRequest(period, List.of(), List.of(), Map.of(), audiences);
    }

    public static ReportRequest everything(ReportPeriod period) {
        return standard(period, EnumSet.allOf(Audience.class));
    }

    public boolean custom() {
        return !metrics.isEmpty();
    }

    public boolean may(Audience audience) {
        return audiences.contains(audience);
    }
}
