package com.dce.analytics.store.query;

import static com.dce.analytics.events.EventBuilder.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.Measurement;
import com.dce.analytics.metrics.MetricAggregate;
import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.metrics.MetricPoint;
import com.dce.analytics.metrics.SeriesCatalog;
import com.dce.analytics.metrics.WindowSpec;
import com.dce.analytics.store.StoreMigrations;
import com.dce.analytics.store.hot.HotCoverage;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
import com.dce.analytics.store.hot.PlainRedisHotStore;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import redis.clients.jedis.RedisClient;

/**
 * The hot tier is a cache, never the truth: the same queries give the same answers whether Redis
 * is warm, emptied (a restart of a Redis that keeps nothing, a FLUSHALL, a new server) or has
 * evicted keys, as long as PostgreSQL holds the windows. Checked against an oracle computed here
 * from the raw events (plain Java, not the catalog or the engine).
 */
class HotTierIsACacheIT {

    private static final int SHARDS = 3;
    private static final String[] STATES = {"CA", "NY", "TX", "FL"};
    private static final String[] BUYERS = {"hb-1", "hb-2", "hb-3"};

    private static PGSimpleDataSource dataSource;
    private static PostgresRollupStore history;
    private static RedisClient redis;
    private static HotStore hot;
    private static MetricQueryEngine engine;

    @BeforeAll
    static void connect() {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SharedInfrastructure.postgres().jdbcUrl());
        dataSource.setUser(SharedInfrastructure.postgres().username());
        dataSource.setPassword(SharedInfrastructure.postgres().password());
        StoreMigrations.migrate(dataSource);
        history = new PostgresRollupStore(dataSource);
        redis = RedisClient.create("localhost", SharedInfrastructure.redis().port());
        hot = HotStores.forServer(redis, HotStoreSettings.defaults());
        engine = new MetricQueryEngine(
                MetricCatalog.standard(),
                new TieredRollupReader(history, hot, Clock.systemUTC()),
                QueryLimits.defaults());
    }

    @AfterAll
    static void disconnect() {
        redis.configSet("maxmemory", "0");
        redis.configSet("maxmemory-policy", "noeviction");
        redis.close();
    }

    @Test
    void shouldAnswerTheSameWhetherRedisIsWarmFlushedOrEvicted() {
        new JdbcTemplate(dataSource).execute("TRUNCATE metric_rollups");
        redis.flushAll();
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofHours(3));
        List<AnalyticsEvent> calls = exchange(new Random(20261202L), start, end, 1500);
        List<MetricPoint> points = fold(calls);
        // the two sinks: every window goes to history and to the hot tier
        history.write(points);
        hot.write(points);

        Map<String, Long> callsByHourAndState = oracleCalls(calls);
        Map<String, BigDecimal> revenueByHour = oracleRevenue(calls);
        assertThat(callsByHourAndState.values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(calls.stream()
                        .filter(e -> e.eventType().equals("call.routed"))
                        .count());

        // warm: the sink has been writing since before the first window of the range
        coverage().startCoverage(start.minus(Duration.ofHours(1)));
        assertMatches("warm", start, end, callsByHourAndState, revenueByHour);
        // ... and it is the hot tier that answers then: without history the answer is the same
        new JdbcTemplate(dataSource).execute("TRUNCATE metric_rollups");
        assertMatches("warm, from Redis alone", start, end, callsByHourAndState, revenueByHour);
        history.write(points);

        // emptied: a Redis that keeps nothing restarted, or FLUSHALL, or a new server
        redis.flushAll();
        assertMatches("after FLUSHALL", start, end, callsByHourAndState, revenueByHour);

        // the sink writes again after the flush (the windows of the last minutes are re-emitted)
        List<MetricPoint> recent = points.stream()
                .filter(p -> p.windowStart().isAfter(end.minus(Duration.ofMinutes(10))))
                .toList();
        hot.write(recent);
        assertMatches("after FLUSHALL and new writes", start, end, callsByHourAndState, revenueByHour);

        // rewarm fully, then let Redis evict keys under memory pressure (compose: volatile-ttl)
        redis.flushAll();
        hot.write(points);
        coverage().startCoverage(start.minus(Duration.ofHours(1)));
        assertMatches("rewarmed", start, end, callsByHourAndState, revenueByHour);
        long used = Long.parseLong(field(redis.info("memory"), "used_memory"));
        redis.configSet("maxmemory-policy", "volatile-ttl");
        redis.configSet("maxmemory", Long.toString(used - 64 * 1024));
        for (int i = 0; i < 50 && Long.parseLong(field(redis.info("stats"), "evicted_keys")) == 0; i++) {
            redis.set("hot-tier-it-filler-" + i, "x".repeat(4096));
        }
        redis.configSet("maxmemory", "0");
        assertThat(Long.parseLong(field(redis.info("stats"), "evicted_keys")))
                .as("Redis evicted keys")
                .isPositive();
        hot.write(recent);
        assertMatches("after eviction", start, end, callsByHourAndState, revenueByHour);
    }

    private static HotCoverage coverage() {
        return ((PlainRedisHotStore) hot).coverage();
    }

    private static void assertMatches(
            String when,
            Instant start,
            Instant end,
            Map<String, Long> callsByHourAndState,
            Map<String, BigDecimal> revenueByHour) {
        MetricResult byState = engine.query(new MetricQuery(
                "calls_by_state", start, end, Duration.ofHours(1), Map.of(), List.of("state"), ZoneOffset.UTC));
        Map<String, Long> actual = new TreeMap<>();
        for (MetricResult.Series s : byState.series()) {
            for (MetricResult.Point p : s.points()) {
                if (p.value() != null && p.value().signum() != 0) {
                    actual.put(
                            p.time() + " " + s.group().get("state"), p.value().longValueExact());
                }
            }
        }
        assertThat(actual).as("calls by hour and state, " + when).isEqualTo(new TreeMap<>(callsByHourAndState));

        MetricResult revenue = engine.query(new MetricQuery(
                "revenue_total", start, end, Duration.ofMinutes(30), Map.of(), List.of(), ZoneOffset.UTC));
        Map<String, BigDecimal> perHour = new TreeMap<>();
        for (MetricResult.Point p : revenue.series().getFirst().points()) {
            if (p.value() != null && p.value().signum() != 0) {
                perHour.merge(
                        p.time().truncatedTo(ChronoUnit.HOURS).toString(),
                        p.value().stripTrailingZeros(),
                        BigDecimal::add);
            }
        }
        Map<String, BigDecimal> expected = new TreeMap<>();
        revenueByHour.forEach((k, v) -> expected.put(k, v.stripTrailingZeros()));
        assertThat(perHour)
                .as("revenue per hour (from 30-minute buckets), " + when)
                .isEqualTo(expected);
    }

    /** A random exchange: calls routed to buyers in states, some completed with revenue. */
    private static List<AnalyticsEvent> exchange(Random random, Instant from, Instant to, int calls) {
        List<AnalyticsEvent> events = new ArrayList<>();
        long span = Duration.between(from, to).toMillis();
        for (int i = 0; i < calls; i++) {
            // every tenth call sits exactly on a minute boundary
            long offset = i % 10 == 0 ? (random.nextLong(span) / 60_000) * 60_000 : random.nextLong(span);
            Instant at = from.plusMillis(offset);
            String state = STATES[random.nextInt(STATES.length)];
            String buyer = BUYERS[random.nextInt(BUYERS.length)];
            events.add(event("call.routed")
                    .entity("hc-" + i)
                    .at(at)
                    .with("seller_id", "s-1")
                    .with("buyer_id", buyer)
                    .with("state", state)
                    .with("algorithm", "best_bid")
                    .with("decision_time_ms", BigDecimal.valueOf(1 + random.nextInt(40)))
                    .with("success", true)
                    .build());
            if (random.nextInt(3) > 0) {
                Instant ended = at.plusSeconds(random.nextInt(600));
                if (ended.isBefore(to)) {
                    events.add(event("call.completed")
                            .entity("hc-" + i)
                            .at(ended)
                            .with("seller_id", "s-1")
                            .with("buyer_id", buyer)
                            .with("state", state)
                            .with("disposition", random.nextInt(5) == 0 ? "dropped" : "completed")
                            .with("duration_seconds", BigDecimal.valueOf(1 + random.nextInt(900)))
                            .with("bid_amount", BigDecimal.valueOf(50 + random.nextInt(40_000), 4))
                            .build());
                }
            }
        }
        return events;
    }

    private static Map<String, Long> oracleCalls(List<AnalyticsEvent> events) {
        Map<String, Long> out = new TreeMap<>();
        for (AnalyticsEvent e : events) {
            if (e.eventType().equals("call.routed")) {
                out.merge(
                        e.eventTime().truncatedTo(ChronoUnit.HOURS) + " "
                                + e.properties().get("state"),
                        1L,
                        Long::sum);
            }
        }
        return out;
    }

    private static Map<String, BigDecimal> oracleRevenue(List<AnalyticsEvent> events) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (AnalyticsEvent e : events) {
            if (e.eventType().equals("call.completed")) {
                BigDecimal bid = new BigDecimal(e.properties().get("bid_amount").toString());
                BigDecimal seconds =
                        new BigDecimal(e.properties().get("duration_seconds").toString());
                BigDecimal charge = bid.multiply(seconds).divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_EVEN);
                out.merge(e.eventTime().truncatedTo(ChronoUnit.HOURS).toString(), charge, BigDecimal::add);
            }
        }
        return out;
    }

    /** What the aggregator emits for these events: closed windows per series key and shard. */
    private static List<MetricPoint> fold(List<AnalyticsEvent> events) {
        SeriesCatalog catalog = SeriesCatalog.standard();
        record Cell(WindowSpec window, long start, String key, int shard) {}
        Map<Cell, MetricAggregate> windows = new HashMap<>();
        Map<Cell, com.dce.analytics.metrics.SeriesKey> keys = new HashMap<>();
        for (AnalyticsEvent e : events) {
            int shard = Math.floorMod(e.entityId().hashCode(), SHARDS);
            for (Measurement m : catalog.measure(e)) {
                var series = catalog.get(m.key().series());
                for (WindowSpec w : series.windows()) {
                    if (!w.tumbling()) {
                        continue;
                    }
                    Cell cell = new Cell(
                            w, w.alignedStart(m.timestampMillis()), m.key().encode(), shard);
                    windows.computeIfAbsent(cell, c -> MetricAggregate.empty(series.sketch()))
                            .add(m.value(), m.timestampMillis());
                    keys.put(cell, m.key());
                }
            }
        }
        Instant now = Instant.now();
        List<MetricPoint> points = new ArrayList<>();
        windows.forEach((cell, agg) ->
                points.add(MetricPoint.of(keys.get(cell), cell.window(), cell.start(), cell.shard(), agg, true, now)));
        return points;
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalStateException(name + " not in INFO");
    }
}
