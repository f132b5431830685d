package com.dce.analytics.aggregator.topology;

import com.dce.analytics.metrics.Measurement;
import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesCatalog;
import com.dce.analytics.metrics.SeriesDefinition;
import com.dce.analytics.metrics.SeriesKey;
import com.dce.analytics.metrics.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;

/**
 * Folds measurements into the windows of their series (store
 * {@value AggregatorTopology#WINDOWS_STORE}, a {@link WindowAggregateStore})
 * and emits window states to the aggregates topic: every emit interval the windows that changed
 * (open, partial), and once a window can no longer change (its end plus the grace period is
 * behind stream time) its final state, after which it is forgotten. Windows are assigned with
 * Kafka Streams' {@link TimeWindows} (tumbling or hopping) built from the catalog's window specs.
 * The emitted points carry the task's partition as their shard.
 */
final class WindowAggregateProcessor implements Processor<String, Measurement, String, MetricPoint> {

    private record SeriesWindows(SeriesDefinition series, List<TimeWindows> windows, List<Integer> indexes) {}

    private final Duration grace;
    private final Duration emitInterval;
    private final Map<String, SeriesWindows> bySeries = new HashMap<>();
    private final Set<WindowKey> dirty = new LinkedHashSet<>();
    /** Windows of an hour or more change visibly only slowly: their open state is emitted every tenth time. */
    private static final int SLOW_WINDOW_EMIT_EVERY = 10;

    private static final long SLOW_WINDOW_MS = java.time.Duration.ofHours(1).toMillis();
    private long emissions;
    private ProcessorContext<String, MetricPoint> context;
    private WindowAggregateStore windows;
    private int shard;

    WindowAggregateProcessor(SeriesCatalog catalog, Duration grace, Duration emitInterval) {
        this.grace = grace;
        this.emitInterval = emitInterval;
        for (SeriesDefinition s : catalog.all()) {
            List<TimeWindows> tw = new ArrayList<>();
            List<Integer> indexes = new ArrayList<>();
            for (WindowSpec w : s.windows()) {
                tw.add(TimeWindows.ofSizeAndGrace(w.size(), grace).advanceBy(w.advance()));
                indexes.add(WindowSpec.ALL.indexOf(w));
            }
            bySeries.put(s.name(), new SeriesWindows(s, tw, indexes));
        }
    }

    @Override
    public void init(ProcessorContext<String, MetricPoint> context) {
        this.context = context;
        this.windows = context.getStateStore(AggregatorTopology.WINDOWS_STORE);
        this.shard = context.taskId().partition();
        context.schedule(emitInterval, PunctuationType.WALL_CLOCK_TIME, now -> emit());
    }

    @Override
    public void process(Record<String, Measurement> record) {
        Measurement m = record.value();
        SeriesWindows sw = bySeries.get(m.key().series());
        if (sw == null) {
            return;
        }
        String seriesKey = record.key();
        for (int i = 0; i < sw.windows().size(); i++) {
            TimeWindows tw = sw.windows().get(i);
            for (long start : tw.windowsFor(m.timestampMillis()).keySet()) {
                WindowKey key = new WindowKey(start + tw.sizeMs, sw.indexes().get(i), start, seriesKey);
                MetricAggregate agg = windows.get(key);
                if (agg == null) {
                    agg = MetricAggregate.empty(sw.series().sketch());
                }
                agg.add(m.value(), m.timestampMillis());
                windows.put(key, agg);
                dirty.add(key);
            }
        }
    }

    private void emit() {
        long streamTime = context.currentStreamTimeMs();
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        if (streamTime >= 0) {
            closeWindows(streamTime - grace.toMillis(), streamTime, now);
        }
        boolean slowToo = emissions++ % SLOW_WINDOW_EMIT_EVERY == 0;
        var it = dirty.iterator();
        while (it.hasNext()) {
            WindowKey window = it.next();
            if (!slowToo && window.windowEnd() - window.windowStart() >= SLOW_WINDOW_MS) {
                continue;
            }
            MetricAggregate agg = windows.get(window);
            if (agg != null) {
                forward(window, agg, false, streamTime, now);
            }
            it.remove();
        }
    }

    private void closeWindows(long closedEndLimit, long streamTime, Instant now) {
        List<WindowKey> closed = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it =
                windows.range(WindowKey.lowest(), WindowKey.endBound(closedEndLimit))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                WindowKey key = WindowKey.fromBytes(kv.key);
                if (key.windowEnd() > closedEndLimit) {
                    continue;
                }
                forward(key, MetricAggregate.fromBytes(kv.value), true, streamTime, now);
                closed.add(key);
            }
        }
        for (WindowKey key : closed) {
            windows.delete(key);
            dirty.remove(key);
        }
    }

    private void forward(WindowKey key, MetricAggregate agg, boolean closed, long streamTime, Instant now) {
        WindowSpec window = WindowSpec.ALL.get(key.windowIndex());
        MetricPoint point =
                MetricPoint.of(SeriesKey.parse(key.seriesKey()), window, key.windowStart(), shard, agg, closed, now);
        context.forward(new Record<>(point.recordKey(), point, Math.max(streamTime, key.windowStart())));
    }
}
