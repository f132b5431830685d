package com.dce.analytics.store.query;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A metric as a time series, one series per group. A point's value is {@code null} when there is
 * no data to compute it from (a ratio over nothing); {@code complete} is false while any window it
 * is made of is still open.
 */
public record MetricResult(
        String metric, String unit, String window, Duration step, List<String> groupBy, List<Series> series) {

    public record Series(Map<String, String> group, List<Point> points) {}

    public record Point(Instant time, BigDecimal value, boolean complete) {}
}
