package com.dce.analytics.store.query;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A request for one metric as a time series: the range {@code [from, to)}, the step between
 * points, dimension filters (a dimension must take one of the values), the dimensions to group by
 * ({@code null} means the metric's own grouping), and the time zone used for day steps and for
 * the {@code hour_of_day}/{@code day_of_week} groupings. A step equal to the whole range asks for
 * one bucket covering exactly {@code [from, to)} (both should then lie on window boundaries).
 */
public record MetricQuery(
        String metric,
        Instant from,
        Instant to,
        Duration step,
        Map<String, Set<String>> filters,
        List<String> groupBy,
        ZoneId zone) {

    public MetricQuery {
        filters = filters == null ? Map.of() : new TreeMap<>(filters);
        groupBy = groupBy == null ? null : List.copyOf(groupBy);
        zone = zone == null ? ZoneOffset.UTC : zone;
    }

    public static MetricQuery of(String metric, Instant from, Instant to, Duration step) {
        return new MetricQuery(metric, from, to, step, Map.of(), null, ZoneOffset.UTC);
    }

    public MetricQuery withFilters(Map<String, Set<String>> newFilters) {
        return new MetricQuery(metric, from, to, step, newFilters, groupBy, zone);
    }

    public MetricQuery withGroupBy(List<String> newGroupBy) {
        return new MetricQuery(metric, from, to, step, filters, newGroupBy, zone);
    }
}
