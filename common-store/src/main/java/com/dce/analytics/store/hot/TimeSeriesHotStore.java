package com.dce.analytics.store.hot;

import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesCatalog;
import com.dce.analytics.store.query.AggregateRow;
import com.dce.analytics.store.query.RollupQuery;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.timeseries.AggregationType;
import redis.clients.jedis.timeseries.DuplicatePolicy;
import redis.clients.jedis.timeseries.TSAddParams;
import redis.clients.jedis.timeseries.TSElement;
import redis.clients.jedis.timeseries.TSMRangeElements;
import redis.clients.jedis.timeseries.TSMRangeParams;

/**
 * The hot tier on Redis with the TimeSeries module (Redis 8, Redis Stack). Each window's count,
 * sum, min, max and latest value go to a time series per field, labelled with the series, window,
 * dimension set, shard and every dimension, with the window label's retention and
 * {@code ON_DUPLICATE LAST} (a window's later state replaces the earlier one). Totals and one-
 * dimension groupings are computed by the server ({@code TS.MRANGE … GROUPBY … REDUCE}); reads
 * that need sketches, gauges or several group dimensions use the plain structures, which this
 * adapter keeps too (they are the only place a sketch fits).
 */
public final class TimeSeriesHotStore extends PlainRedisHotStore {

    private static final String[] FIELDS = {"count", "sum", "min", "max"};
    private static final int MONEY_SCALE = 4;

    public TimeSeriesHotStore(RedisClient redis, HotStoreSettings settings) {
        super(redis, settings);
    }

    @Override
    public String kind() {
        return "timeseries";
    }

    @Override
    public void write(List<MetricPoint> points) {
        coverage.beforeWrite();
        List<MetricPoint> latest = PostgresRollupStore.latestPerWindow(points);
        try (Pipeline p = redis.pipelined()) {
            for (MetricPoint point : latest) {
                writePlain(p, point);
                writeSeries(p, point);
            }
            p.sync();
        }
    }

    private void writeSeries(Pipeline p, MetricPoint point) {
        long retention = settings.retentionOf(point.window()).toMillis();
        long ts = point.windowStart().toEpochMilli();
        Map<String, Double> values = Map.of(
                "count", (double) point.count(),
                "sum", sumToSeries(point.series(), point.sum()),
                "min", point.min(),
                "max", point.max(),
                "last", point.last());
        for (Map.Entry<String, Double> field : values.entrySet()) {
            Map<String, String> labels = new LinkedHashMap<>(point.dimensions());
            labels.put("cea_series", point.series());
            labels.put("cea_window", point.window());
            labels.put(
                    "cea_dims", dimSetLabel(String.join(",", point.dimensions().keySet())));
            labels.put("cea_shard", Integer.toString(point.shard()));
            labels.put("cea_field", field.getKey());
            String key = settings.prefix() + ":ts:" + point.window() + ":"
                    + point.key().encode() + ":" + point.shard() + ":" + field.getKey();
            p.tsAdd(
                    key,
                    ts,
                    field.getValue(),
                    TSAddParams.addParams()
                            .retention(retention)
                            .onDuplicate(DuplicatePolicy.LAST)
                            .duplicatePolicy(DuplicatePolicy.LAST)
                            .labels(labels));
        }
    }

    @Override
    public List<AggregateRow> read(RollupQuery q) {
        if (q.rows() || q.groupBy().size() > 1) {
            return super.read(q);
        }
        String group = q.groupBy().isEmpty() ? "cea_field" : q.groupBy().getFirst();
        Map<String, Map<Long, double[]>> cells = new TreeMap<>();
        for (int f = 0; f < FIELDS.length; f++) {
            AggregationType aggregation = switch (FIELDS[f]) {
                case "min" -> AggregationType.MIN;
                case "max" -> AggregationType.MAX;
                default -> AggregationType.SUM;
            };
            String reducer = aggregation == AggregationType.SUM
                    ? "sum"
                    : aggregation.name().toLowerCase();
            TSMRangeParams params = TSMRangeParams.multiRangeParams(q.from().toEpochMilli(), q.to().toEpochMilli() - 1)
                    .aggregation(aggregation, q.step().toMillis())
                    .align(q.origin().toEpochMilli())
                    .filter(filters(q, FIELDS[f]))
                    .groupBy(group, reducer);
            Map<String, TSMRangeElements> result = redis.tsMRange(params);
            for (TSMRangeElements series : result.values()) {
                String groupValue = groupValue(series, group);
                for (TSElement e : series.getElements()) {
                    cells.computeIfAbsent(groupValue, g -> new HashMap<>())
                                    .computeIfAbsent(e.getTimestamp(), t -> new double[FIELDS.length])[f] =
                            e.getValue();
                }
            }
        }
        List<AggregateRow> rows = new ArrayList<>();
        cells.forEach((groupValue, buckets) -> buckets.forEach((bucket, v) -> {
            Map<String, String> groupMap = q.groupBy().isEmpty() ? Map.of() : Map.of(group, groupValue);
            MetricAggregate agg = MetricAggregate.of(
                    Math.round(v[0]), sumFromSeries(q.series(), v[1]), v[2], v[3], 0, Long.MIN_VALUE, null);
            rows.add(new AggregateRow(Instant.ofEpochMilli(bucket), groupMap, agg, false));
        }));
        rows.sort((a, b) -> a.bucket().compareTo(b.bucket()));
        return rows;
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

    private String[] filters(RollupQuery q, String field) {
        List<String> filters = new ArrayList<>(List.of(
                "cea_series=" + q.series(),
                "cea_window=" + q.window(),
                "cea_dims=" + dimSetLabel(q.dimSet()),
                "cea_field=" + field));
        for (Map.Entry<String, Set<String>> condition : q.where().entrySet()) {
            filters.add(condition.getKey() + "=(" + String.join(",", condition.getValue()) + ")");
        }
        return filters.toArray(String[]::new);
    }

    private static String groupValue(TSMRangeElements series, String group) {
        String key = series.getKey();
        int eq = key.indexOf('=');
        return eq >= 0 && key.startsWith(group + "=") ? key.substring(eq + 1) : key;
    }

    /** Label values cannot be empty or hold commas: the total's empty set becomes "_", commas become "+". */
    private static String dimSetLabel(String dimSet) {
        return dimSet.isEmpty() ? "_" : dimSet.replace(',', '+');
    }
}
