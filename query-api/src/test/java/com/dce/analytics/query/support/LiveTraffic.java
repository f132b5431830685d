package com.dce.analytics.query.support;

import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Stands in for the stream aggregator's sinks in demos and browser tests: each {@link #tick} adds
 * a few calls at the current time to the open windows of this minute, writes their new state to
 * both stores and announces the change on the changes channel, as the real sink does.
 */
public final class LiveTraffic {

    private final DemoData demo = new DemoData(7);
    private final PostgresRollupStore history;
    private final HotStore hot;
    private final List<AnalyticsEvent> events = new ArrayList<>();
    private Instant minute;

    public LiveTraffic(PostgresRollupStore history, HotStore hot) {
        this.history = history;
        this.hot = hot;
    }

    /** Adds {@code calls} calls now and publishes the windows they fall in. */
    public synchronized List<MetricPoint> tick(int calls) {
        Instant now = Instant.now();
        Instant at = now.minusMillis(100);
        Instant current = at.truncatedTo(ChronoUnit.MINUTES);
        if (!current.equals(minute)) {
            minute = current;
            events.clear();
        }
        for (int i = 0; i < calls; i++) {
            // all in this minute's windows (calls end a second after they start)
            events.addAll(demo.call(at.isBefore(current.plusMillis(1100)) ? current : at.minusMillis(1100)));
        }
        List<MetricPoint> points = new PointFactory(Set.of("10s", "1m"), false)
                .addAll(events)
                .points(now, p -> !p.windowStart().isBefore(minute));
        history.write(points);
        hot.write(points);
        hot.publishChanges(points);
        return points;
    }
}
