package com.dce.analytics.query.metrics;

import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.metrics.SeriesSelector;
import com.dce.analytics.metrics.WindowSpec;
import com.dce.analytics.store.query.MetricQuery;
import com.dce.analytics.store.query.MetricResult;
import com.dce.analytics.store.query.QueryException;
import com.dce.analytics.web.ApiException;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GetAggregation: one number per group over a range. {@code total} (the default) computes the
 * metric over the whole range as one bucket (a ratio over the range, not an average of ratios);
 * {@code sum}, {@code avg}, {@code min}, {@code max}, {@code last} and {@code count} fold the
 * metric's points at {@code step}. Groups can be ranked and cut to the top N.
 */
public final class Aggregations {

    public static final int MAX_TOP = 1000;
    private static final Set<String> FUNCTIONS = Set.of("total", "sum", "avg", "min", "max", "last", "count");

    private final QueryService queries;

    public Aggregations(QueryService queries) {
        this.queries = queries;
    }

    /** GetAggregation's question; every field but {@code metric} is optional. */
    public record Request(
            @JsonProperty("metric") String metric,
            @JsonProperty("function") String function,
            @JsonProperty("from") String from,
            @JsonProperty("to") String to,
            @JsonProperty("step") String step,
            @JsonProperty("filters") Map<String, Object> filters,
            @JsonProperty("group_by") List<String> groupBy,
            @JsonProperty("top") Integer top,
            @JsonProperty("order") String order,
            @JsonProperty("tz") String tz) {}

    /** GetAggregation's answer: rows ranked by value when {@code order} or {@code top} was given. */
    public record Result(
            @JsonProperty("metric") String metric,
            @JsonProperty("unit") String unit,
            @JsonProperty("function") String function,
            @JsonProperty("from") Instant from,
            @JsonProperty("to") Instant to,
            @JsonProperty("step") String step,
            @JsonProperty("group_by") List<String> groupBy,
            @JsonProperty("rows") List<Row> rows) {

        /** The value of the only row (no grouping), or null. */
        public BigDecimal value() {
            return rows.isEmpty() ? null : rows.getFirst().value();
        }
    }

    public record Row(
            @JsonProperty("group") Map<String, String> group,
            @JsonProperty("value") BigDecimal value,
            @JsonProperty("points") int points) {}

    /** Validates the request shape (not the metric's existence or access: callers check those first). */
    public Result aggregate(MetricDefinition def, Request r, Map<String, Set<String>> filters) {
        String function = r.function() == null ? "total" : r.function().toLowerCase(Locale.ROOT);
        if (!FUNCTIONS.contains(function)) {
            throw ApiException.badRequest("'function' must be one of " + new java.util.TreeSet<>(FUNCTIONS));
        }
        int top = r.top() == null ? MAX_TOP : r.top();
        if (top < 1 || top > MAX_TOP) {
            throw ApiException.badRequest("'top' must be between 1 and " + MAX_TOP);
        }
        String order = r.order() == null ? "desc" : r.order().toLowerCase(Locale.ROOT);
        if (!order.equals("desc") && !order.equals("asc")) {
            throw ApiException.badRequest("'order' must be asc or desc");
        }
        MetricRequests.Range range = MetricRequests.range(r.from(), r.to(), r.tz(), queries.now());
        List<String> groupBy = MetricRequests.groupBy(r.groupBy());
        MetricQuery q;
        if (function.equals("total")) {
            Duration align = alignment(def, range);
            Instant from = floor(range.from(), align);
            Instant to = ceil(range.to(), align);
            q = new MetricQuery(def.name(), from, to, Duration.between(from, to), filters, groupBy, range.zone());
        } else {
            q = new MetricQuery(
                    def.name(),
                    range.from(),
                    range.to(),
                    TimeExpressions.duration(r.step(), "step"),
                    filters,
                    groupBy,
                    range.zone());
        }
        MetricResult result = queries.query(q);
        List<Row> rows = new ArrayList<>();
        for (MetricResult.Series s : result.series()) {
            List<BigDecimal> values = s.points().stream()
                    .map(MetricResult.Point::value)
                    .filter(java.util.Objects::nonNull)
                    .toList();
            rows.add(new Row(s.group(), fold(function, values), values.size()));
        }
        Comparator<BigDecimal> byValue = order.equals("desc") ? Comparator.reverseOrder() : Comparator.naturalOrder();
        rows.sort(Comparator.comparing(Row::value, Comparator.nullsLast(byValue)));
        if (rows.size() > top) {
            rows = new ArrayList<>(rows.subList(0, top));
        }
        return new Result(
                def.name(),
                def.unit(),
                function,
                q.from(),
                q.to(),
                TimeExpressions.label(result.step()),
                result.groupBy(),
                rows);
    }

    private static BigDecimal fold(String function, List<BigDecimal> values) {
        if (function.equals("count")) {
            return BigDecimal.valueOf(values.size());
        }
        if (values.isEmpty()) {
            return null;
        }
        return switch (function) {
            case "total", "last" -> values.getLast();
            case "sum" -> values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            case "avg" ->
                values.stream()
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL64);
            case "min" -> values.stream().min(Comparator.naturalOrder()).orElseThrow();
            case "max" -> values.stream().max(Comparator.naturalOrder()).orElseThrow();
            default -> throw new IllegalStateException(function);
        };
    }

    /**
     * The boundary a whole-range bucket is aligned to: the finest tumbling window the metric is
     * kept at (at least a minute), or an hour for ranges over six hours (far fewer rows to read, and
     * history may keep only hour windows for older data).
     */
    static Duration alignment(MetricDefinition def, MetricRequests.Range range) {
        Set<WindowSpec> windows = null;
        for (SeriesSelector s : def.formula().selectors()) {
            Set<WindowSpec> w =
                    new LinkedHashSet<>(MetricCatalogs.series(s.series()).windows());
            if (windows == null) {
                windows = w;
            } else {
                windows.retainAll(w);
            }
        }
        if (windows == null || windows.isEmpty()) {
            throw new QueryException(QueryException.Kind.BAD_STEP, "metric '" + def.name() + "' has no stored window");
        }
        boolean wide = Duration.between(range.from(), range.to()).compareTo(Duration.ofHours(6)) > 0;
        if (wide && windows.contains(WindowSpec.ONE_HOUR)) {
            return WindowSpec.ONE_HOUR.size();
        }
        return windows.stream()
                .filter(WindowSpec::tumbling)
                .map(WindowSpec::size)
                .filter(d -> d.compareTo(Duration.ofMinutes(1)) >= 0)
                .min(Comparator.naturalOrder())
                .orElse(WindowSpec.ONE_HOUR.size());
    }

    static Instant floor(Instant t, Duration d) {
        long ms = d.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), ms) * ms);
    }

    static Instant ceil(Instant t, Duration d) {
        Instant f = floor(t, d);
        return f.equals(t) ? t : f.plus(d);
    }
}
