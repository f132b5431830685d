package com.dce.analytics.report.content;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A chart of a report: a line over time (points carry their instant, drawn in the report's time
 * zone), a bar chart or a pie over labelled values.
 */
public record ReportChart(String id, String title, Type type, String valueLabel, ValueKind kind, List<Point> points)
        implements Section {

    public enum Type {
        LINE,
        BAR,
        PIE
    }

    public record Point(String label, Instant time, BigDecimal value) {}

    public ReportChart {
        points = List.copyOf(points);
    }
}
