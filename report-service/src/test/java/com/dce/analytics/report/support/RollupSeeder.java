package com.dce.analytics.report.support;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.Measurement;
import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesCatalog;
import com.dce.analytics.metrics.SeriesDefinition;
import com.dce.analytics.metrics.SeriesKey;
import com.dce.analytics.metrics.WindowSpec;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns hand-built events into the closed window rows the stream aggregator would store: each
 * event is measured by the catalog ({@link SeriesCatalog#measure}, the aggregator's own pure
 * function), folded into the tumbling 1-minute and 1-hour windows of its series, and written with
 * {@link PostgresRollupStore#write}. Tests thus seed the store with data whose totals they know.
 */
public final class RollupSeeder {

    private static final Set<WindowSpec> WINDOWS = Set.of(WindowSpec.ONE_MINUTE, WindowSpec.ONE_HOUR);

    private record Cell(SeriesKey key, WindowSpec window, long start) {}

    private final Map<Cell, MetricAggregate> cells = new HashMap<>();
    private final SeriesCatalog catalog = SeriesCatalog.standard();
    private final Set<WindowSpec> windows;

    /** Keeps the 1-minute and 1-hour windows. */
    public RollupSeeder() {
        this(WINDOWS);
    }

    /** Keeps only the given windows (the benchmark keeps hours: monthly reports read nothing finer). */
    public RollupSeeder(Set<WindowSpec> windows) {
        this.windows = Set.copyOf(windows);
    }

    public RollupSeeder add(AnalyticsEvent event) {
        for (Measurement m : catalog.measure(event)) {
            add(m);
        }
        return this;
    }

    public RollupSeeder addAll(Iterable<AnalyticsEvent> events) {
        events.forEach(this::add);
        return this;
    }

    public void add(Measurement m) {
        SeriesDefinition def = catalog.get(m.key().series());
        for (WindowSpec w : def.windows()) {
            if (windows.contains(w)) {
                long start = w.alignedStart(m.timestampMillis());
                cells.computeIfAbsent(new Cell(m.key(), w, start), c -> MetricAggregate.empty(def.sketch()))
                        .add(m.value(), m.timestampMillis());
            }
        }
    }

    public int size() {
        return cells.size();
    }

    public List<MetricPoint> points() {
        Instant now = Instant.now();
        List<MetricPoint> out = new ArrayList<>(cells.size());
        cells.forEach((c, agg) -> out.add(MetricPoint.of(c.key(), c.window(), c.start(), 0, agg, true, now)));
        return out;
    }

    /** Writes the windows that end at or before {@code t} (no later event can reach them) and forgets them. */
    public int writeClosedBefore(PostgresRollupStore store, Instant t) {
        Instant now = Instant.now();
        List<MetricPoint> out = new ArrayList<>();
        var i = cells.entrySet().iterator();
        while (i.hasNext()) {
            var e = i.next();
            Cell c = e.getKey();
            if (c.start() + c.window().size().toMillis() <= t.toEpochMilli()) {
                out.add(MetricPoint.of(c.key(), c.window(), c.start(), 0, e.getValue(), true, now));
                i.remove();
            }
        }
        for (int k = 0; k < out.size(); k += 5_000) {
            store.write(out.subList(k, Math.min(out.size(), k + 5_000)));
        }
        return out.size();
    }

    /** Writes every window and forgets them. */
    public int writeTo(PostgresRollupStore store) {
        List<MetricPoint> points = points();
        for (int i = 0; i < points.size(); i += 5_000) {
            store.write(points.subList(i, Math.min(points.size(), i + 5_000)));
        }
        cells.clear();
        return points.size();
    }
}
