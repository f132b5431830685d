package com.dce.analytics.report.content;

import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.SeriesCatalog;
import com.dce.analytics.metrics.SeriesDefinition;
import com.dce.analytics.store.query.AggregateRow;
import com.dce.analytics.store.query.RollupQuery;
import com.dce.analytics.store.query.RollupReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the rollup reads of one report. Several metrics of a report read the same base series
 * the same way (revenue by buyer feeds revenue, costs and net margin), and metrics that select on
 * a pinned dimension (drop rate: dropped calls over completed and dropped ones) read the same rows
 * with different conditions; so a read restricted on pinned dimensions is answered from one read
 * grouped by them, rows merged here exactly as the stores merge them. Every answer is a fresh copy
 * (the engine merges into the aggregates it gets). Lives as long as one report build.
 */
final class MemoizingReader implements RollupReader {

    private final RollupReader inner;
    private final SeriesCatalog catalog;
    private final Map<RollupQuery, CompletableFuture<List<AggregateRow>>> reads = new ConcurrentHashMap<>();

    MemoizingReader(RollupReader inner, SeriesCatalog catalog) {
        this.inner = inner;
        this.catalog = catalog;
    }

    @Override
    public List<AggregateRow> read(RollupQuery q) {
        SeriesDefinition series = catalog.find(q.series()).orElse(null);
        if (q.rows()
                || q.where().isEmpty()
                || series == null
                || !series.pinned().containsAll(q.where().keySet())) {
            return copy(memo(q));
        }
        List<String> wideGroup = new ArrayList<>(q.groupBy());
        for (String dim : q.where().keySet()) {
            if (!wideGroup.contains(dim)) {
                wideGroup.add(dim);
            }
        }
        RollupQuery wide = new RollupQuery(
                q.series(), q.keySet(), q.window(), q.from(), q.to(), q.step(), q.origin(), Map.of(), wideGroup, false);
        return narrow(memo(wide), q);
    }

    private List<AggregateRow> memo(RollupQuery query) {
        CompletableFuture<List<AggregateRow>> mine = new CompletableFuture<>();
        CompletableFuture<List<AggregateRow>> existing = reads.putIfAbsent(query, mine);
        if (existing != null) {
            return existing.join();
        }
        try {
            mine.complete(List.copyOf(inner.read(query)));
        } catch (RuntimeException e) {
            reads.remove(query);
            mine.completeExceptionally(e);
            throw e;
        }
        return mine.join();
    }

    private record Cell(Instant bucket, Map<String, String> group) {}

    /** The rows matching the query's conditions, merged into its grouping. */
    private static List<AggregateRow> narrow(List<AggregateRow> rows, RollupQuery q) {
        Map<Cell, MetricAggregate> merged = new LinkedHashMap<>();
        Map<Cell, Boolean> closed = new LinkedHashMap<>();
        for (AggregateRow row : rows) {
            if (!q.matches(row.group())) {
                continue;
            }
            Map<String, String> group = new TreeMap<>();
            for (String g : q.groupBy()) {
                group.put(g, row.group().getOrDefault(g, ""));
            }
            Cell cell = new Cell(row.bucket(), group);
            merged.computeIfAbsent(cell, c -> MetricAggregate.empty(false)).mergeAcross(row.aggregate());
            closed.merge(cell, row.closed(), Boolean::logicalAnd);
        }
        List<AggregateRow> out = new ArrayList<>(merged.size());
        merged.forEach((cell, agg) -> out.add(new AggregateRow(cell.bucket(), cell.group(), agg, closed.get(cell))));
        out.sort(Comparator.comparing(AggregateRow::bucket));
        return out;
    }

    private static List<AggregateRow> copy(List<AggregateRow> rows) {
        List<AggregateRow> out = new ArrayList<>(rows.size());
        for (AggregateRow r : rows) {
            out.add(new AggregateRow(r.bucket(), r.group(), r.aggregate().copy(), r.closed()));
        }
        return out;
    }
}
