package com.dce.analytics.store.rollup;

import com.dce.analytics.events.EventJson;
import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.store.query.AggregateRow;
import com.dce.analytics.store.query.RollupQuery;
import com.dce.analytics.store.query.RollupReader;
import com.dce.analytics.store.query.RollupWriter;
import com.dce.analytics.store.query.RowMerger;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Window aggregates in PostgreSQL/TimescaleDB ({@code metric_rollups}). Writes are batched
 * idempotent upserts; reads add counts and sums up in SQL with {@code date_bin} (portable between
 * plain PostgreSQL and TimescaleDB), and fetch single rows only when sketches or gauges must be
 * merged in Java.
 */
public final class PostgresRollupStore implements RollupReader, RollupWriter {

    private static final TypeReference<Map<String, String>> DIMS = new TypeReference<>() {};
    private static final String UPSERT = """
            INSERT INTO metric_rollups (series, window_label, window_start, series_key, shard, window_end, dim_set,
                dims, count, sum, min, max, last, last_time, sketch, closed, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, now())
            ON CONFLICT (series, window_label, window_start, series_key, shard) DO UPDATE SET
                window_end = EXCLUDED.window_end, count = EXCLUDED.count, sum = EXCLUDED.sum, min = EXCLUDED.min,
                max = EXCLUDED.max, last = EXCLUDED.last, last_time = EXCLUDED.last_time, sketch = EXCLUDED.sketch,
                closed = EXCLUDED.closed, updated_at = now()
            WHERE NOT metric_rollups.closed OR EXCLUDED.closed
            """;

    private final JdbcTemplate jdbc;

    public PostgresRollupStore(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void write(List<MetricPoint> points) {
        List<MetricPoint> latest = latestPerWindow(points);
        jdbc.batchUpdate(UPSERT, latest, 1000, PostgresRollupStore::bind);
    }

    /** One statement may not touch a row twice: keep the last version of each window, closed first. */
    public static List<MetricPoint> latestPerWindow(Collection<MetricPoint> points) {
        Map<String, MetricPoint> byKey = new LinkedHashMap<>();
        for (MetricPoint p : points) {
            byKey.merge(p.recordKey() + "#" + p.shard(), p, (old, neu) -> old.closed() && !neu.closed() ? old : neu);
        }
        return new ArrayList<>(byKey.values());
    }

    private static void bind(PreparedStatement ps, MetricPoint p) throws SQLException {
        ps.setString(1, p.series());
        ps.setString(2, p.window());
        ps.setObject(3, utc(p.windowStart()));
        ps.setString(4, p.key().encode());
        ps.setInt(5, p.shard());
        ps.setObject(6, utc(p.windowEnd()));
        ps.setString(7, String.join(",", p.dimensions().keySet()));
        ps.setString(8, EventJson.mapper().writeValueAsString(p.dimensions()));
        ps.setLong(9, p.count());
        ps.setBigDecimal(10, p.sum());
        ps.setDouble(11, p.min());
        ps.setDouble(12, p.max());
        ps.setDouble(13, p.last());
        ps.setLong(14, p.lastTime());
        ps.setBytes(15, p.sketch());
        ps.setBoolean(16, p.closed());
    }

    @Override
    public List<AggregateRow> read(RollupQuery q) {
        return q.rows() ? readRows(q) : readTotals(q);
    }

    private List<AggregateRow> readTotals(RollupQuery q) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT date_bin(?::interval, window_start, ?) AS bucket");
        args.add(q.step().toMillis() + " milliseconds");
        args.add(utc(q.origin()));
        for (int i = 0; i < q.groupBy().size(); i++) {
            sql.append(", dims->>? AS g").append(i);
            args.add(q.groupBy().get(i));
        }
        sql.append(", sum(count)::bigint AS c, sum(sum) AS s, min(min) AS mn, max(max) AS mx, bool_and(closed) AS cl");
        where(sql, args, q);
        sql.append(" GROUP BY bucket");
        for (int i = 0; i < q.groupBy().size(); i++) {
            sql.append(", g").append(i);
        }
        sql.append(" ORDER BY bucket");
        return jdbc.query(
                sql.toString(),
                (rs, n) -> {
                    Map<String, String> group = new TreeMap<>();
                    for (int i = 0; i < q.groupBy().size(); i++) {
                        String v = rs.getString("g" + i);
                        group.put(q.groupBy().get(i), v == null ? "" : v);
                    }
                    BigDecimal sum = rs.getBigDecimal("s");
                    MetricAggregate agg = MetricAggregate.of(
                            rs.getLong("c"), sum, rs.getDouble("mn"), rs.getDouble("mx"), 0, Long.MIN_VALUE, null);
                    return new AggregateRow(
                            rs.getObject("bucket", OffsetDateTime.class).toInstant(), group, agg, rs.getBoolean("cl"));
                },
                args.toArray());
    }

    private List<AggregateRow> readRows(RollupQuery q) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(
                "SELECT window_start, series_key, shard, dims, count, sum, min, max, last, last_time, sketch, closed");
        where(sql, args, q);
        RowMerger merger = new RowMerger(q);
        jdbc.query(
                sql.toString(),
                rs -> {
                    Map<String, String> dims = EventJson.mapper().readValue(rs.getString("dims"), DIMS);
                    MetricAggregate agg = MetricAggregate.of(
                            rs.getLong("count"),
                            rs.getBigDecimal("sum"),
                            rs.getDouble("min"),
                            rs.getDouble("max"),
                            rs.getDouble("last"),
                            rs.getLong("last_time"),
                            rs.getBytes("sketch"));
                    merger.add(
                            rs.getObject("window_start", OffsetDateTime.class).toInstant(),
                            rs.getString("series_key"),
                            rs.getInt("shard"),
                            dims,
                            agg,
                            rs.getBoolean("closed"));
                },
                args.toArray());
        return merger.rows();
    }

    private static void where(StringBuilder sql, List<Object> args, RollupQuery q) {
        sql.append(" FROM metric_rollups WHERE series = ? AND window_label = ? AND dim_set = ?")
                .append(" AND window_start >= ? AND window_start < ?");
        args.add(q.series());
        args.add(q.window());
        args.add(q.dimSet());
        args.add(utc(q.from()));
        args.add(utc(q.to()));
        for (Map.Entry<String, Set<String>> condition : q.where().entrySet()) {
            sql.append(" AND dims->>? = ANY(?)");
            args.add(condition.getKey());
            args.add(condition.getValue().toArray(String[]::new));
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
