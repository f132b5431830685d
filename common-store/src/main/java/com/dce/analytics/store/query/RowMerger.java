package com.dce.analytics.store.query;

import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.SeriesCatalog;
import com.dce.analytics.metrics.SeriesDefinition;
import com.dce.analytics.metrics.SeriesMerge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges raw window rows into bucket/group rows the way metrics need it, by the series' {@link
 * SeriesMerge} rule from the catalog: first over time (a gauge's later value wins) within one
 * series key and shard, or within one series key whatever the shard for levels that sources report
 * about themselves; then across the rest (values add).
 */
public final class RowMerger {

    private record Cell(Instant bucket, Map<String, String> group) {}

    private static final class Acc {
        final Map<String, MetricAggregate> perSeries = new HashMap<>();
        boolean closed = true;
    }

    private final RollupQuery query;
    private final boolean shardsAreCopies;
    private final Map<Cell, Acc> cells = new HashMap<>();

    public RowMerger(RollupQuery query) {
        this(
                query,
                SeriesCatalog.standard()
                        .find(query.series())
                        .map(SeriesDefinition::merge)
                        .orElse(SeriesMerge.ADD));
    }

    public RowMerger(RollupQuery query, SeriesMerge merge) {
        this.query = query;
        this.shardsAreCopies = merge == SeriesMerge.REPORTED_LEVEL;
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
        String source = shardsAreCopies ? seriesKey : seriesKey + "#" + shard;
        acc.perSeries.merge(source, agg, MetricAggregate::mergeOverTime);
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
