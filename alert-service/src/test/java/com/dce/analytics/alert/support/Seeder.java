package com.dce.analytics.alert.support;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.Measurement;
import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesCatalog;
import com.dce.analytics.metrics.SeriesDefinition;
import com.dce.analytics.metrics.SeriesKey;
import com.dce.analytics.metrics.WindowSpec;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Writes metric windows for events the way the aggregator does: each event is measured with the
 * catalog ({@link SeriesCatalog#measure}), folded into every window of every series (and rollup)
 * it feeds, and the closed windows are upserted into PostgreSQL (and the Redis hot tier when
 * given). Windows accumulate across calls, so events can be added in steps.
 */
public final class Seeder {

    private record Cell(SeriesKey key, WindowSpec window, long start) {}

    private final PostgresRollupStore history;
    private final HotStore hot;
    private final SeriesCatalog catalog = SeriesCatalog.standard();
    private final Map<Cell, MetricAggregate> cells = new LinkedHashMap<>();

    public Seeder(DataSource dataSource, HotStore hot) {
        this.history = new PostgresRollupStore(dataSource);
        this.hot = hot;
    }

    public void write(List<AnalyticsEvent> events) {
        Set<Cell> touched = new LinkedHashSet<>();
        for (AnalyticsEvent event : events) {
            for (Measurement m : catalog.measure(event)) {
                SeriesDefinition series = catalog.get(m.key().series());
                for (WindowSpec window : series.windows()) {
                    long size = window.size().toMillis();
                    long step = window.advance().toMillis();
                    long last = window.alignedStart(m.timestampMillis());
                    for (long start = last - size + step; start <= last; start += step) {
                        Cell cell = new Cell(m.key(), window, start);
                        cells.computeIfAbsent(cell, c -> MetricAggregate.empty(series.sketch()))
                                .add(m.value(), m.timestampMillis());
                        touched.add(cell);
                    }
                }
            }
        }
        List<MetricPoint> points = new ArrayList<>();
        Instant now = Instant.now();
        for (Cell cell : touched) {
            points.add(MetricPoint.of(cell.key(), cell.window(), cell.start(), 0, cells.get(cell), true, now));
        }
        for (int from = 0; from < points.size(); from += 5_000) {
            List<MetricPoint> chunk = points.subList(from, Math.min(points.size(), from + 5_000));
            history.write(chunk);
            if (hot != null) {
                hot.write(chunk);
            }
        }
    }
}
