package com.dce.analytics.query.support;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.Measurement;
import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesCatalog;
import com.dce.analytics.metrics.SeriesDefinition;
import com.dce.analytics.metrics.SeriesKey;
import com.dce.analytics.metrics.WindowSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Folds events into window points the way the stream aggregator does (same measurement
 * extraction from {@link SeriesCatalog}, every kept dimension set), so tests can seed the stores
 * directly with {@code PostgresRollupStore.write}/{@code HotStore.write}.
 */
public final class PointFactory {

    private record Cell(SeriesKey key, WindowSpec window, long start) {}

    private final SeriesCatalog catalog = SeriesCatalog.standard();
    private final Map<Cell, MetricAggregate> cells = new HashMap<>();
    private final Set<String> windows;
    private final boolean totalsOnly;

    /** @param windows the window labels to produce; @param totalsOnly keep only each series' smallest kept dimension set */
    public PointFactory(Set<String> windows, boolean totalsOnly) {
        this.windows = Set.copyOf(windows);
        this.totalsOnly = totalsOnly;
    }

    public PointFactory add(AnalyticsEvent event) {
        for (Measurement m : catalog.measure(event)) {
            add(m);
        }
        return this;
    }

    public PointFactory addAll(Collection<AnalyticsEvent> events) {
        events.forEach(this::add);
        return this;
    }

    public PointFactory add(Measurement m) {
        SeriesDefinition series = catalog.get(m.key().series());
        if (totalsOnly
                && !new HashSet<>(series.keySets().getLast())
                        .equals(m.key().dimensions().keySet())) {
            return this;
        }
        for (WindowSpec w : series.windows()) {
            if (!windows.contains(w.label())) {
                continue;
            }
            long step = w.advance().toMillis();
            long last = w.alignedStart(m.timestampMillis());
            for (long start = last; start > m.timestampMillis() - w.size().toMillis(); start -= step) {
                cells.computeIfAbsent(new Cell(m.key(), w, start), c -> MetricAggregate.empty(series.sketch()))
                        .add(m.value(), m.timestampMillis());
            }
        }
        return this;
    }

    /** The points; windows that end after {@code now} are open. */
    public List<MetricPoint> points(Instant now) {
        return points(now, c -> true);
    }

    public List<MetricPoint> points(Instant now, Predicate<MetricPoint> keep) {
        List<MetricPoint> out = new ArrayList<>(cells.size());
        cells.forEach((cell, agg) -> {
            boolean closed = cell.start() + cell.window().size().toMillis() <= now.toEpochMilli();
            MetricPoint p = MetricPoint.of(cell.key(), cell.window(), cell.start(), 0, agg, closed, now);
            if (keep.test(p)) {
                out.add(p);
            }
        });
        return out;
    }
}
