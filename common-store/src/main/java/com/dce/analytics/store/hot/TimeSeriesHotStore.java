package com.dce.analytics.store.hot;

import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesCatalog;
import com.dce.analytics.store.query.AggregateRow;
import com.dce.analytics.store.query.RollupQuery;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.timeseries.AggregationType;
import redis.clients.jedis.timeseries.DuplicatePolicy;
import redis.clients.jedis.timeseries.TSAddParams;
import redis.clients.jedis.timeseries.TSElement;
import redis.clients.jedis.timeseries.TSMRangeElements;
import redis.clients.jedis.timeseries.TSMRangeParams;

/**
 * The hot tier on Redis with the TimeSeries module (Redis 8, Redis Stack). Per window label, series
 * key and shard, five time series hold the windows' count, sum, min, max and an "open" flag (1
 * while the window fills, 0 once closed), one sample per window start, written with {@code
 * ON_DUPLICATE LAST} (a window's later state replaces the earlier one). Each key carries one
 * metadata label ({@code _cea=<field>:<series>:<window>:<dimension set>}) plus a label per
 * dimension, a small chunk size, the window label's retention and a TTL refreshed on every write.
 *
 * <p>Totals and one-dimension groupings are computed by the server, one {@code TS.MRANGE …
 * AGGREGATION … GROUPBY … REDUCE} per field in one pipeline, and the five replies are joined into
 * one row per bucket and group. Reads that need sketches, gauges or several group dimensions use
 * the plain structures, which this adapter keeps too (the only place a sketch fits).
 *
 * <p>TimeSeries retention is relative to the newest sample of a key, and an add older than that
 * fails. Samples are therefore only written for windows starting in {@code [now - retention, now +
 * margin]}, and keys are created with a retention of {@code retention + 2 × margin}: a key's newest
 * sample is at most {@code now + margin} (plus clock skew between writers, the second margin), so
 * no accepted add can be older than the key's retention.
 */
public final class TimeSeriesHotStore extends PlainRedisHotStore {

    /** How far ahead of the writer's clock a window may start (event-time skew) and clock skew. */
    static final Duration MARGIN = Duration.ofMinutes(10);

    /** Bytes per chunk: most keys hold a few dozen samples, compressed to a few bytes each. */
    static final long CHUNK_SIZE = 128;

    static final String META = "_cea";
    private static final int MONEY_SCALE = 4;

    /** The stored fields, with the aggregation over time and the reduction across series. */
    enum Field {
        COUNT("count", AggregationType.SUM, "sum"),
        SUM("sum", AggregationType.SUM, "sum"),
        MIN("min", AggregationType.MIN, "min"),
        MAX("max", AggregationType.MAX, "max"),
        OPEN("open", AggregationType.MAX, "max");

        final String label;
        final AggregationType overTime;
        final String reducer;

        Field(String label, AggregationType overTime, String reducer) {
            this.label = label;
            this.overTime = overTime;
            this.reducer = reducer;
        }
    }

    private final Clock clock;
    private final ReplyErrors errors = new ReplyErrors();
    private final ReplyErrors skipped = new ReplyErrors("a window was not written to the time series");

    public TimeSeriesHotStore(RedisClient redis, HotStoreSettings settings) {
        this(redis, settings, Clock.systemUTC());
    }

    TimeSeriesHotStore(RedisClient redis, HotStoreSettings settings, Clock clock) {
        super(redis, settings);
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "timeseries";
    }

    @Override
    public Map<String, Long> writeErrors() {
        return errors.snapshot();
    }

    /** Windows not written to the time series because they lie outside the writable range. */
    public Map<String, Long> skippedWrites() {
        return skipped.snapshot();
    }

    @Override
    public void write(List<MetricPoint> points) {
        coverage.beforeWrite();
        List<MetricPoint> latest = PostgresRollupStore.latestPerWindow(points);
        Instant now = clock.instant();
        try (Pipeline p = redis.pipelined()) {
            for (MetricPoint point : latest) {
                writePlain(p, point);
                String skip = skipReason(point, now);
                if (skip == null) {
                    writeSeries(p, point);
                } else {
                    skipped.record(skip, skip + " (" + point.recordKey() + ")");
                }
            }
            errors.count(p.syncAndReturnAll());
        }
    }

    /** Null when the point's window may be written to the time series as of {@code now}. */
    String skipReason(MetricPoint point, Instant now) {
        Instant start = point.windowStart();
        if (start.isBefore(horizon(point.window(), now))) {
            return "window older than the hot tier's retention";
        }
        if (start.isAfter(now.plus(MARGIN))) {
            return "window ahead of the clock";
        }
        return null;
    }

    private void writeSeries(Pipeline p, MetricPoint point) {
        long retention = settings.retentionOf(point.window())
                .plus(MARGIN.multipliedBy(2))
                .toMillis();
        long ttl = retention / 1000;
        long ts = point.windowStart().toEpochMilli();
        for (Map.Entry<Field, Double> field : samples(point).entrySet()) {
            String key = key(point, field.getKey());
            p.tsAdd(
                    key,
                    ts,
                    field.getValue(),
                    TSAddParams.addParams()
                            .retention(retention)
                            .chunkSize(CHUNK_SIZE)
                            .onDuplicate(DuplicatePolicy.LAST)
                            .labels(labels(point, field.getKey())));
            p.expire(key, ttl);
        }
    }

    /** The values one window state writes; min and max only when the window has values. */
    static Map<Field, Double> samples(MetricPoint point) {
        Map<Field, Double> values = new EnumMap<>(Field.class);
        values.put(Field.COUNT, (double) point.count());
        values.put(Field.SUM, sumToSeries(point.series(), point.sum()));
        if (point.count() > 0) {
            values.put(Field.MIN, point.min());
            values.put(Field.MAX, point.max());
        }
        values.put(Field.OPEN, point.closed() ? 0.0 : 1.0);
        return values;
    }

    String key(MetricPoint point, Field field) {
        return settings.prefix() + ":t:" + point.window() + ":" + point.key().encode() + ":" + point.shard() + ":"
                + field.label;
    }

    static Map<String, String> labels(MetricPoint point, Field field) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(
                META,
                meta(
                        field,
                        point.series(),
                        point.window(),
                        String.join(",", point.dimensions().keySet())));
        point.dimensions().forEach((name, value) -> labels.put(name, labelValue(value)));
        return labels;
    }

    private static String meta(Field field, String series, String window, String dimSet) {
        return labelValue(field.label + ":" + series + ":" + window + ":" + dimSet);
    }

    @Override
    public List<AggregateRow> read(RollupQuery q) {
        if (q.rows() || q.groupBy().size() > 1 || !q.keySet().containsAll(q.groupBy())) {
            return super.read(q);
        }
        for (Set<String> values : q.where().values()) {
            if (values.isEmpty()) {
                return List.of();
            }
        }
        String group = groupLabel(q);
        Map<Field, Response<Map<String, TSMRangeElements>>> responses = new EnumMap<>(Field.class);
        try (Pipeline p = redis.pipelined()) {
            for (Field f : Field.values()) {
                responses.put(f, p.tsMRange(rangeParams(q, f, group)));
            }
            p.sync();
        }
        Map<Field, Map<String, TSMRangeElements>> replies = new EnumMap<>(Field.class);
        responses.forEach((f, r) -> replies.put(f, r.get()));
        return toRows(q, replies);
    }

    /** The label the server groups by: the dimension, or for totals the metadata label (one value). */
    static String groupLabel(RollupQuery q) {
        return q.groupBy().isEmpty() ? META : q.groupBy().getFirst();
    }

    static TSMRangeParams rangeParams(RollupQuery q, Field f, String group) {
        return TSMRangeParams.multiRangeParams(q.from().toEpochMilli(), q.to().toEpochMilli() - 1)
                .align(q.origin().toEpochMilli())
                .aggregation(f.overTime, q.step().toMillis())
                .filter(filters(q, f))
                .groupBy(group, f.reducer);
    }

    static String[] filters(RollupQuery q, Field f) {
        List<String> filters = new ArrayList<>();
        filters.add(META + "=" + meta(f, q.series(), q.window(), q.dimSet()));
        for (Map.Entry<String, Set<String>> condition : q.where().entrySet()) {
            List<String> values = condition.getValue().stream()
                    .sorted()
                    .map(TimeSeriesHotStore::labelValue)
                    .toList();
            filters.add(condition.getKey() + "=(" + String.join(",", values) + ")");
        }
        return filters.toArray(String[]::new);
    }

    /**
     * Joins the five grouped replies (one per field) into one row per bucket and group: count, sum,
     * min and max of the same bucket and group value go into one aggregate, and the row is closed
     * when the maximum "open" flag of the bucket is 0.
     */
    static List<AggregateRow> toRows(RollupQuery q, Map<Field, Map<String, TSMRangeElements>> replies) {
        String group = groupLabel(q);
        record Cell(Map<String, String> group, long bucket) {}
        Map<Cell, Double[]> cells = new LinkedHashMap<>();
        for (Map.Entry<Field, Map<String, TSMRangeElements>> reply : replies.entrySet()) {
            int f = reply.getKey().ordinal();
            for (TSMRangeElements series : reply.getValue().values()) {
                Map<String, String> groupMap =
                        groupOf(series.getKey(), group, q.groupBy().isEmpty());
                for (TSElement e : series.getElements()) {
                    cells.computeIfAbsent(new Cell(groupMap, e.getTimestamp()), c -> new Double[Field.values().length])[
                                    f] =
                            e.getValue();
                }
            }
        }
        List<AggregateRow> rows = new ArrayList<>(cells.size());
        cells.forEach((cell, v) -> {
            double count = value(v, Field.COUNT, 0);
            MetricAggregate agg = MetricAggregate.of(
                    Math.round(count),
                    sumFromSeries(q.series(), value(v, Field.SUM, 0)),
                    value(v, Field.MIN, Double.POSITIVE_INFINITY),
                    value(v, Field.MAX, Double.NEGATIVE_INFINITY),
                    0,
                    Long.MIN_VALUE,
                    null);
            boolean closed = v[Field.OPEN.ordinal()] != null && v[Field.OPEN.ordinal()] == 0.0;
            rows.add(new AggregateRow(Instant.ofEpochMilli(cell.bucket()), cell.group(), agg, closed));
        });
        rows.sort(Comparator.comparing(AggregateRow::bucket)
                .thenComparing(r -> r.group().toString()));
        return rows;
    }

    private static double value(Double[] v, Field f, double absent) {
        Double d = v[f.ordinal()];
        return d == null || d.isNaN() ? absent : d;
    }

    /** A grouped series is named {@code <label>=<value>}; totals have no group. */
    static Map<String, String> groupOf(String seriesName, String label, boolean total) {
        if (!seriesName.startsWith(label + "=")) {
            throw new IllegalStateException("unexpected grouped series " + seriesName + " for GROUPBY " + label);
        }
        if (total) {
            return Map.of();
        }
        Map<String, String> group = new TreeMap<>();
        group.put(label, labelValueDecode(seriesName.substring(label.length() + 1)));
        return group;
    }

    /**
     * Label values may not be empty nor hold {@code ( ) ,}, and filters may not hold blanks or
     * quotes: those characters, {@code =} and {@code %} are percent-encoded, and the empty value is
     * a lone {@code %} (which no encoded value can be).
     */
    static String labelValue(String value) {
        if (value.isEmpty()) {
            return "%";
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' || c == '(' || c == ')' || c == ',' || c == '=' || c == '"' || c == '\'' || c <= ' ') {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String labelValueDecode(String label) {
        if (label.equals("%")) {
            return "";
        }
        StringBuilder out = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (c == '%' && i + 2 < label.length()) {
                out.append((char) Integer.parseInt(label, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * TimeSeries samples are doubles. Money must stay exact (reports and dashboards agree to the
     * cent), so the sums of currency series are stored in units of 10^-4 (the money scale of the
     * event catalog): whole numbers, which a double holds exactly up to 2^53 and which the server's
     * SUM adds exactly (about 900 billion in currency per window and group). Other sums (seconds,
     * milliseconds, scores) are measurements for which a double's 15 digits are plenty.
     */
    static double sumToSeries(String series, BigDecimal sum) {
        return isMoney(series)
                ? sum.setScale(MONEY_SCALE, RoundingMode.HALF_EVEN)
                        .unscaledValue()
                        .doubleValue()
                : sum.doubleValue();
    }

    static BigDecimal sumFromSeries(String series, double value) {
        return isMoney(series) ? BigDecimal.valueOf(Math.round(value), MONEY_SCALE) : BigDecimal.valueOf(value);
    }

    private static boolean isMoney(String series) {
        return SeriesCatalog.standard()
                .find(series)
                .map(d -> d.unit().equals("currency"))
                .orElse(false);
    }
}
