package com.dce.analytics.alert.evaluation;

import com.dce.analytics.metrics.Formula;
import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.metrics.SeriesSelector;
import com.dce.analytics.store.query.MetricQuery;
import com.dce.analytics.store.query.MetricQueryEngine;
import com.dce.analytics.store.query.MetricResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Reads the metric values of a cycle with as few store queries as possible. Every distinct query
 * shape is read once, through {@link MetricQueryEngine} (so an alert sees the number a dashboard
 * shows), over the rule's window as one bucket ending at the last whole minute (whole 10 seconds
 * for windows that are not whole minutes): at 10:05:30 a 5m rule reads {@code [10:00, 10:05)}.
 *
 * <p>Shapes that differ only in a single-valued filter (the same rule per buyer: {@code buyer_id =
 * b-1}, {@code b-2}, …) are read together as one query grouped by that dimension, then split, as
 * long as the metric has no share-of-total in its formula (where grouping and filtering differ).
 * The distinct queries run in parallel on a small pool.
 */
final class MetricBatch {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    private final MetricQueryEngine engine;
    private final MetricCatalog catalog;
    private final ExecutorService pool;
    private final int batchFilterValues;

    MetricBatch(MetricQueryEngine engine, ExecutorService pool, int batchFilterValues) {
        this.engine = engine;
        this.catalog = engine.catalog();
        this.pool = pool;
        this.batchFilterValues = Math.max(1, batchFilterValues);
    }

    /** One store query and the shapes it answers. */
    record Batch(
            String metric,
            Duration window,
            Map<String, Set<String>> filters,
            List<String> groupBy,
            List<String> liftedDimensions,
            List<QueryShape> members) {}

    /** A planned cycle: the queries to run. */
    record Plan(List<Batch> batches) {}

    /** The key under which shapes can share a grouped query. */
    private record LiftKey(
            String metric,
            Duration window,
            Map<String, Set<String>> fixed,
            List<String> groupBy,
            List<String> lifted) {}

    Plan plan(Collection<QueryShape> shapes) {
        Map<LiftKey, List<QueryShape>> liftable = new LinkedHashMap<>();
        List<Batch> batches = new ArrayList<>();
        for (QueryShape shape : shapes) {
            MetricDefinition def = catalog.find(shape.metric()).orElseThrow();
            List<String> lifted = new ArrayList<>();
            Map<String, Set<String>> fixed = new TreeMap<>();
            shape.filters().forEach((dim, values) -> {
                if (values.size() == 1 && !shape.groupBy().contains(dim)) {
                    lifted.add(dim);
                } else {
                    fixed.put(dim, values);
                }
            });
            if (lifted.isEmpty() || sharesOfTotal(def.formula())) {
                batches.add(single(shape));
            } else {
                liftable.computeIfAbsent(
                                new LiftKey(shape.metric(), shape.window(), fixed, shape.groupBy(), lifted),
                                k -> new ArrayList<>())
                        .add(shape);
            }
        }
        for (Map.Entry<LiftKey, List<QueryShape>> e : liftable.entrySet()) {
            List<QueryShape> members = e.getValue();
            if (members.size() == 1) {
                batches.add(single(members.getFirst()));
                continue;
            }
            LiftKey key = e.getKey();
            for (int from = 0; from < members.size(); from += batchFilterValues) {
                List<QueryShape> chunk = members.subList(from, Math.min(members.size(), from + batchFilterValues));
                Map<String, Set<String>> filters = new TreeMap<>(key.fixed());
                for (String dim : key.lifted()) {
                    Set<String> values = new TreeSet<>();
                    chunk.forEach(s -> values.addAll(s.filters().get(dim)));
                    filters.put(dim, values);
                }
                List<String> groupBy = new ArrayList<>(key.groupBy());
                groupBy.addAll(key.lifted());
                batches.add(new Batch(key.metric(), key.window(), filters, groupBy, key.lifted(), List.copyOf(chunk)));
            }
        }
        return new Plan(batches);
    }

    private static Batch single(QueryShape s) {
        return new Batch(s.metric(), s.window(), s.filters(), s.groupBy(), List.of(), List.of(s));
    }

    /** Runs the plan: every batch once, in parallel; a failed query fails only its shapes. */
    Map<QueryShape, ShapeValues> fetch(Plan plan, Instant now) {
        List<Future<Map<QueryShape, ShapeValues>>> futures = new ArrayList<>();
        for (Batch batch : plan.batches()) {
            futures.add(pool.submit(() -> run(batch, now)));
        }
        Map<QueryShape, ShapeValues> out = new HashMap<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                out.putAll(futures.get(i).get());
            } catch (ExecutionException e) {
                String error =
                        e.getCause() == null ? e.toString() : e.getCause().getMessage();
                plan.batches().get(i).members().forEach(s -> out.put(s, ShapeValues.failed(error)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                plan.batches().get(i).members().forEach(s -> out.put(s, ShapeValues.failed("interrupted")));
            }
        }
        return out;
    }

    static Instant windowEnd(Duration window, Instant now) {
        long unit = (window.toMillis() % MINUTE.toMillis() == 0 ? MINUTE : TEN_SECONDS).toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), unit) * unit);
    }

    private Map<QueryShape, ShapeValues> run(Batch batch, Instant now) {
        Instant end = windowEnd(batch.window(), now);
        MetricQuery query = new MetricQuery(
                batch.metric(),
                end.minus(batch.window()),
                end,
                batch.window(),
                batch.filters(),
                batch.groupBy(),
                ZoneOffset.UTC);
        MetricResult result = engine.query(query);
        Map<QueryShape, ShapeValues> out = new HashMap<>();
        MetricDefinition def = catalog.find(batch.metric()).orElseThrow();
        for (QueryShape member : batch.members()) {
            Map<Map<String, String>, BigDecimal> values = new HashMap<>();
            for (MetricResult.Series series : result.series()) {
                if (!belongsTo(series.group(), member, batch.liftedDimensions())) {
                    continue;
                }
                Map<String, String> group = new TreeMap<>();
                for (String dim : member.groupBy()) {
                    group.put(dim, series.group().getOrDefault(dim, ""));
                }
                values.put(group, latest(series));
            }
            BigDecimal whenAbsent =
                    member.groupBy().isEmpty() && !batch.liftedDimensions().isEmpty()
                            ? def.formula().evaluate(NoData.INSTANCE, batch.window())
                            : null;
            out.put(member, new ShapeValues(values, whenAbsent, null));
        }
        return out;
    }

    private static boolean belongsTo(Map<String, String> group, QueryShape member, List<String> lifted) {
        for (String dim : lifted) {
            if (!member.filters().get(dim).contains(group.get(dim))) {
                return false;
            }
        }
        return true;
    }

    /** The value of the bucket (the last one, for metrics kept as sliding windows). */
    private static BigDecimal latest(MetricResult.Series series) {
        List<MetricResult.Point> points = series.points();
        return points.isEmpty() ? null : points.getLast().value();
    }

    /** True when the formula divides by a total over all groups, so grouping is not filtering. */
    static boolean sharesOfTotal(Formula f) {
        return switch (f) {
            case Formula.Overall o -> true;
            case Formula.Ratio r -> sharesOfTotal(r.numerator()) || sharesOfTotal(r.denominator());
            case Formula.Difference d -> sharesOfTotal(d.minuend()) || sharesOfTotal(d.subtrahend());
            case Formula.PerTime p -> sharesOfTotal(p.inner());
            case Formula.Scale s -> sharesOfTotal(s.inner());
            default -> false;
        };
    }

    /** Aggregates of a bucket without data: what a metric is worth when nothing happened. */
    private enum NoData implements Formula.Aggregates {
        INSTANCE;

        @Override
        public MetricAggregate get(SeriesSelector selector) {
            return MetricAggregate.empty(false);
        }

        @Override
        public Formula.Aggregates overall() {
            return this;
        }
    }
}
