package com.dce.analytics.metrics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of one window of one series as computed by one aggregator shard (a source
 * partition), as written to the {@code metrics.aggregates} topic. {@code closed} is false while
 * the window is still filling; the closed version replaces earlier ones. Stores keep a row per
 * (series key, window, start, shard) and queries add shards together.
 */
public record MetricPoint(
        @JsonProperty("series") String series,
        @JsonProperty("dimensions") Map<String, String> dimensions,
        @JsonProperty("window") String window,
        @JsonProperty("window_start") Instant windowStart,
        @JsonProperty("window_end") Instant windowEnd,
        @JsonProperty("shard") int shard,
        @JsonProperty("count") long count,
        @JsonProperty("sum") BigDecimal sum,
        @JsonProperty("min") double min,
        @JsonProperty("max") double max,
        @JsonProperty("last") double last,
        @JsonProperty("last_time") long lastTime,
        @JsonProperty("sketch") byte[] sketch,
        @JsonProperty("closed") boolean closed,
        @JsonProperty("emitted_at") Instant emittedAt) {

    public MetricPoint {
        dimensions = new TreeMap<>(dimensions);
    }

    public static MetricPoint of(
            SeriesKey key, WindowSpec window, long start, int shard, MetricAggregate agg, boolean closed, Instant now) {
        return new MetricPoint(
                key.series(),
                key.dimensions(),
                window.label(),
                Instant.ofEpochMilli(start),
                Instant.ofEpochMilli(start + window.size().toMillis()),
                shard,
                agg.count(),
                agg.sum(),
                agg.count() == 0 ? 0 : agg.min(),
                agg.count() == 0 ? 0 : agg.max(),
                agg.last(),
                agg.lastTime(),
                agg.sketchBytes(),
                closed,
                now);
    }

    @JsonIgnore
    public SeriesKey key() {
        return SeriesKey.of(series, dimensions);
    }

    /** The Kafka record key: one per series key, window and start, so a window's versions stay ordered. */
    @JsonIgnore
    public String recordKey() {
        return key().encode() + "@" + window + "@" + windowStart.toEpochMilli();
    }

    @JsonIgnore
    public MetricAggregate aggregate() {
        return MetricAggregate.of(count, sum, min, max, last, lastTime, sketch);
    }
}
