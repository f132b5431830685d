package com.dce.analytics.store.query;

import com.dce.analytics.metrics.Formula;
import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.metrics.SeriesDefinition;
import com.dce.analytics.metrics.SeriesSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes catalog metrics from stored window aggregates: picks the stored window that fits the
 * step, reads each base series the formula needs once (at the smallest rollup that answers the
 * filters and grouping), merges windows into buckets, and only then applies the formula. Used by
 * query-api, alert-service and report-service alike, so a number is the same wherever it is read.
 */
public final class MetricQueryEngine {

    private final MetricCatalog catalog;
    private final RollupReader reader;
    private final QueryLimits limits;

    public MetricQueryEngine(MetricCatalog catalog, RollupReader reader, QueryLimits limits) {
        this.catalog = catalog;
        this.reader = reader;
        this.limits = limits;
    }

    public MetricCatalog catalog() {
        return catalog;
    }

    public MetricResult query(MetricQuery q) {
        MetricDefinition def = catalog.find(q.metric())
                .orElseThrow(() ->
                        new QueryException(QueryException.Kind.UNKNOWN_METRIC, "unknown metric '" + q.metric() + "'"));
        List<String> groupBy = q.groupBy() == null ? def.defaultGroupBy() : q.groupBy();
        checkDimensions(def, groupBy, q.filters().keySet());
        if (q.from() == null || q.to() == null || !q.from().isBefore(q.to())) {
            throw new QueryException(QueryException.Kind.BAD_RANGE, "'from' must be before 'to'");
        }
        if (Duration.between(q.from(), q.to()).compareTo(limits.maxRange()) > 0) {
            throw new QueryException(QueryException.Kind.BAD_RANGE, "the range may span at most " + limits.maxRange());
        }
        Plan plan = Plan.of(def, q, groupBy, catalog, limits);
        Map<SeriesSelector, Map<Instant, Map<Map<String, String>, MetricAggregate>>> data = new LinkedHashMap<>();
        Set<Map<String, String>> groups = new LinkedHashSet<>();
        for (SeriesSelector selector : def.formula().selectors()) {
            SeriesDefinition series = catalog.series().get(selector.series());
            List<String> seriesGroup = plan.storeGroupBy().stream()
                    .filter(series.dimensions()::contains)
                    .toList();
            Map<String, Set<String>> where = new TreeMap<>(selector.where());
            q.filters().forEach((dim, values) -> {
                if (series.dimensions().contains(dim)) {
                    where.merge(dim, values, MetricQueryEngine::intersect);
                }
            });
            Set<String> needed = new HashSet<>(where.keySet());
            needed.addAll(seriesGroup);
            RollupQuery rq = new RollupQuery(
                    series.name(),
                    series.keySetFor(needed),
                    plan.window().label(),
                    plan.readFrom(),
                    plan.readTo(),
                    plan.readStep(),
                    plan.origin(),
                    where,
                    seriesGroup,
                    needsRows(def.formula(), selector));
            Map<Instant, Map<Map<String, String>, MetricAggregate>> cells = new HashMap<>();
            for (AggregateRow row : reader.read(rq)) {
                Map<String, String> group = plan.regroup(row);
                Instant time = plan.pointTime(row.bucket());
                cells.computeIfAbsent(time, t -> new HashMap<>())
                        .merge(group, row.aggregate(), MetricAggregate::mergeOverTime);
                if (seriesGroup.size() == plan.storeGroupBy().size()) {
                    groups.add(group);
                }
                plan.markOpen(time, row.closed());
            }
            data.put(selector, cells);
        }
        if (groupBy.isEmpty()) {
            groups.add(Map.of());
        }
        if (groups.size() > limits.maxSeries()) {
            throw new QueryException(
                    QueryException.Kind.TOO_MANY_SERIES,
                    "the query yields " + groups.size() + " series; at most " + limits.maxSeries()
                            + " are allowed, add filters");
        }
        List<MetricResult.Series> out = new ArrayList<>();
        for (Map<String, String> group : groups) {
            List<MetricResult.Point> points = new ArrayList<>();
            for (Instant t : plan.pointTimes()) {
                Formula.Aggregates aggregates = new CellAggregates(data, catalog, t, group, false);
                points.add(new MetricResult.Point(
                        t, def.formula().evaluate(aggregates, plan.bucketLength()), plan.complete(t)));
            }
            out.add(new MetricResult.Series(group, points));
        }
        return new MetricResult(def.name(), def.unit(), plan.window().label(), plan.bucketLength(), groupBy, out);
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return both;
    }

    private static void checkDimensions(MetricDefinition def, List<String> groupBy, Set<String> filters) {
        for (String dim : groupBy) {
            if (!def.dimensions().contains(dim)) {
                throw new QueryException(
                        QueryException.Kind.UNKNOWN_DIMENSION,
                        "metric '" + def.name() + "' cannot be grouped by '" + dim + "'; dimensions: "
                                + new java.util.TreeSet<>(def.dimensions()));
            }
        }
        for (String dim : filters) {
            if (!def.dimensions().contains(dim) || MetricCatalog.TIME_DIMENSIONS.contains(dim)) {
                throw new QueryException(
                        QueryException.Kind.UNKNOWN_DIMENSION,
                        "metric '" + def.name() + "' cannot be filtered by '" + dim + "'");
            }
        }
    }

    private static boolean needsRows(Formula f, SeriesSelector s) {
        return switch (f) {
            case Formula.Quantile quantile -> quantile.selector().equals(s);
            case Formula.Latest latest -> latest.selector().equals(s);
            case Formula.Ratio r -> needsRows(r.numerator(), s) || needsRows(r.denominator(), s);
            case Formula.Difference d -> needsRows(d.minuend(), s) || needsRows(d.subtrahend(), s);
            case Formula.PerTime p -> needsRows(p.inner(), s);
            case Formula.Scale sc -> needsRows(sc.inner(), s);
            case Formula.Overall o -> needsRows(o.inner(), s);
            default -> false;
        };
    }

    /** The aggregates of one point and group; groups missing a dimension a series lacks are broadcast. */
    private record CellAggregates(
            Map<SeriesSelector, Map<Instant, Map<Map<String, String>, MetricAggregate>>> data,
            MetricCatalog catalog,
            Instant time,
            Map<String, String> group,
            boolean whole)
            implements Formula.Aggregates {

        @Override
        public MetricAggregate get(SeriesSelector selector) {
            Map<Map<String, String>, MetricAggregate> cells =
                    data.getOrDefault(selector, Map.of()).getOrDefault(time, Map.of());
            MetricAggregate total = MetricAggregate.empty(false);
            for (Map.Entry<Map<String, String>, MetricAggregate> e : cells.entrySet()) {
                if (whole || matches(e.getKey())) {
                    total.mergeAcross(e.getValue());
                }
            }
            return total;
        }

        private boolean matches(Map<String, String> cellGroup) {
            for (Map.Entry<String, String> g : group.entrySet()) {
                String value = cellGroup.get(g.getKey());
                if (value != null && !value.equals(g.getValue())) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Formula.Aggregates overall() {
            return new CellAggregates(data, catalog, time, group, true);
        }
    }
}
