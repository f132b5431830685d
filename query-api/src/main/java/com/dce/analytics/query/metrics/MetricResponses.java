package com.dce.analytics.query.metrics;

import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.query.access.AccessPolicy;
import com.dce.analytics.store.query.MetricResult;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The JSON shapes of the metrics API (web DTOs, apart from the engine's records). */
public final class MetricResponses {

    private MetricResponses() {}

    /** One catalog entry. */
    public record MetricInfo(
            @JsonProperty("name") String name,
            @JsonProperty("category") String category,
            @JsonProperty("unit") String unit,
            @JsonProperty("audience") String audience,
            @JsonProperty("window") String window,
            @JsonProperty("default_group_by") List<String> defaultGroupBy,
            @JsonProperty("dimensions") List<String> dimensions,
            @JsonProperty("formula") String formula,
            @JsonProperty("description") String description) {

        public static MetricInfo of(MetricDefinition d) {
            return new MetricInfo(
                    d.name(),
                    d.category(),
                    d.unit(),
                    AccessPolicy.audience(d.audience()),
                    d.window(),
                    d.defaultGroupBy(),
                    List.copyOf(new TreeSet<>(d.dimensions())),
                    d.formula().describe(),
                    d.description());
        }
    }

    /** GetMetric's answer: one series per group, points oldest first. */
    public record TimeSeries(
            @JsonProperty("metric") String metric,
            @JsonProperty("unit") String unit,
            @JsonProperty("window") String window,
            @JsonProperty("step") String step,
            @JsonProperty("from") Instant from,
            @JsonProperty("to") Instant to,
            @JsonProperty("group_by") List<String> groupBy,
            @JsonProperty("series") List<Series> series) {

        public static TimeSeries of(MetricResult r, Instant from, Instant to) {
            List<Series> series = new ArrayList<>(r.series().size());
            for (MetricResult.Series s : r.series()) {
                List<Point> points = new ArrayList<>(s.points().size());
                for (MetricResult.Point p : s.points()) {
                    points.add(new Point(p.time(), p.value(), p.complete()));
                }
                series.add(new Series(s.group(), points));
            }
            return new TimeSeries(
                    r.metric(), r.unit(), r.window(), TimeExpressions.label(r.step()), from, to, r.groupBy(), series);
        }

        /** The same data flattened to rows ({@code time}, {@code value}, {@code complete}, group dimensions). */
        public List<Map<String, Object>> rows() {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Series s : series) {
                for (Point p : s.points()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("time", p.time());
                    row.put("value", p.value());
                    row.put("complete", p.complete());
                    row.putAll(s.group());
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    public record Series(
            @JsonProperty("group") Map<String, String> group,
            @JsonProperty("points") List<Point> points) {}

    public record Point(
            @JsonProperty("time") Instant time,
            @JsonProperty("value") BigDecimal value,
            @JsonProperty("complete") boolean complete) {}
}
