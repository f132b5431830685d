package com.dce.analytics.store.query;

import com.dce.analytics.metrics.MetricAggregate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges raw window rows into bucket/group rows the way metrics need it: first over time within
 * one series and shard (a gauge's later value wins), then across series and shards (values add).
 */
public final class RowMerger {

    private record Cell(Instant bucket, Map<String, String> group) {}

    private static final class Acc {
        final Map<String, MetricAggregate> perSeries = new HashMap<>();
        boolean closed = true;
    }

    private final RollupQuery query;
    private final Map<Cell, Acc> cells = new HashMap<>();

    public RowMerger(RollupQuery query) {
        this.query = query;
    }

    /** Adds one stored window of one series key and shard. */
    public void add(
            Instant windowStart,
            String seriesKey,
            int shard,
            Map<String, String> dims,
            MetricAggregate agg,
            boolean closed) {
        Map<String, String> group = new TreeMap<>();
        for (String g : query.groupBy()) {
            group.put(g, dims.getOrDefault(g, ""));
        }
        Acc acc = cells.computeIfAbsent(new Cell(query.bucketOf(windowStart), group), c -> new Acc());
        acc.perSeries.merge(seriesKey + "#" + shard, agg, MetricAggregate::mergeOverTime);
        acc.closed &= closed;
    }

    public List<AggregateRow> rows() {
        List<AggregateRow> out = new ArrayList<>(cells.size());
        cells.forEach((cell, acc) -> {
            MetricAggregate total = null;
            for (MetricAggregate a : acc.perSeries.values()) {
                total = total == null ? a : total.mergeAcross(a);
            }
            out.add(new AggregateRow(cell.bucket(), cell.group(), total, acc.closed));
        });
        out.sort((a, b) -> a.bucket().compareTo(b.bucket()));
        return out;
    }
}
