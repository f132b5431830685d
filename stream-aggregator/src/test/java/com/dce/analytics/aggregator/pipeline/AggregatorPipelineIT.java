package com.dce.analytics.aggregator.pipeline;

import static com.dce.analytics.events.EventBuilder.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.aggregator.system.StreamsLifecycle;
import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.metrics.MetricCatalog;
import com.dce.analytics.store.StoreMigrations;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.PlainRedisHotStore;
import com.dce.analytics.store.query.MetricQuery;
import com.dce.analytics.store.query.MetricQueryEngine;
import com.dce.analytics.store.query.MetricResult;
import com.dce.analytics.store.query.QueryLimits;
import com.dce.analytics.store.rollup.PostgresRollupStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import redis.clients.jedis.RedisClient;

/**
 * Events through a real KRaft broker into the aggregator (a separate JVM), out to real
 * PostgreSQL and Redis; the aggregator is killed with SIGKILL halfway and restarted, and the
 * totals must still be exact: nothing lost, nothing counted twice.
 */
@Tag("integration")
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class AggregatorPipelineIT {

    private static final int CALLS = 2_000;
    private static final List<String> STATES = List.of("CA", "NY", "TX", "FL");
    private static PGSimpleDataSource dataSource;

    @BeforeAll
    static void infrastructure() {
        StreamsLifecycle.createTopics(SharedInfrastructure.kafka().bootstrapServers(), 3, (short) 1);
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SharedInfrastructure.postgres().jdbcUrl());
        dataSource.setUser(SharedInfrastructure.postgres().username());
        dataSource.setPassword(SharedInfrastructure.postgres().password());
        StoreMigrations.migrate(dataSource);
    }

    @Test
    void shouldKeepExactTotalsWhenTheAggregatorIsKilledMidStream() throws Exception {
        // given a fixed hour of calls, every tenth event sent twice (a client retry)
        Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.HOURS);
        Random random = new Random(7);
        List<AnalyticsEvent> events = new ArrayList<>();
        BigDecimal expectedRevenue = BigDecimal.ZERO;
        long expectedCa = 0;
        for (int i = 0; i < CALLS; i++) {
            Instant at = t0.plusMillis(i * 1_500L);
            String state = STATES.get(random.nextInt(STATES.size()));
            expectedCa += state.equals("CA") ? 1 : 0;
            String callId = "it-call-" + i;
            String bid =
                    BigDecimal.valueOf(50 + random.nextInt(300), 2).setScale(4).toPlainString();
            int seconds = 10 + random.nextInt(400);
            events.add(event("call.routed")
                    .entity(callId)
                    .at(at)
                    .with("seller_id", "s-" + (i % 7))
                    .with("state", state)
                    .with("buyer_id", "b-" + (i % 5))
                    .with("algorithm", "highest_bid")
                    .with("decision_time_ms", BigDecimal.valueOf(1 + random.nextInt(40)))
                    .with("success", true)
                    .build());
            events.add(event("call.completed")
                    .entity(callId)
                    .at(at.plusSeconds(1))
                    .with("buyer_id", "b-" + (i % 5))
                    .with("seller_id", "s-" + (i % 7))
                    .with("state", state)
                    .with("disposition", "completed")
                    .with("duration_seconds", BigDecimal.valueOf(seconds))
                    .with("bid_amount", new BigDecimal(bid))
                    .build());
            expectedRevenue = expectedRevenue.add(new BigDecimal(bid)
                    .multiply(BigDecimal.valueOf(seconds))
                    .divide(BigDecimal.valueOf(60), 4, RoundingMode.HALF_EVEN));
        }
        Instant end = t0.plusMillis(CALLS * 1_500L + 1_000);
        long callsInCalifornia = expectedCa;
        Path state = Files.createTempDirectory("aggregator-it-state");
        Path log = Files.createTempFile("aggregator-it", ".log");
        String appId = "it-aggregator-" + System.nanoTime();

        // when the aggregator runs, is killed halfway, and runs again
        try (Traffic traffic = new Traffic()) {
            AggregatorProcess first = AggregatorProcess.start(appId, state, log);
            traffic.send(events.subList(0, events.size() / 2), 10);
            await().atMost(Duration.ofMinutes(2))
                    .failFast("the aggregator died, see " + log, () -> !first.isAlive())
                    .until(() -> rollupCount("calls") > 0);
            first.kill();
            traffic.send(events.subList(events.size() / 2, events.size()), 10);
            // a later event on every partition moves each task's stream time past every grace period
            traffic.advanceStreamTime("it", end.plus(Duration.ofMinutes(70)));
            try (AggregatorProcess second = AggregatorProcess.start(appId, state, log)) {
                // then every window is final and the totals are exact
                JdbcTemplate jdbc = new JdbcTemplate(dataSource);
                await().atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> {
                            assertThat(sumCount(jdbc, "calls", "1h", "")).isEqualTo(CALLS);
                            assertThat(openWindows(jdbc, t0, end)).isZero();
                        });
                assertThat(sumCount(jdbc, "calls", "1m", "")).isEqualTo(CALLS);
                assertThat(sumCount(jdbc, "calls", "1m", "buyer_id,state")).isEqualTo(CALLS);
                // (restricted to the test's hour: other tests' events share the broker)
                assertThat(jdbc.queryForObject(
                                "SELECT sum(sum) FROM metric_rollups WHERE series = 'revenue'"
                                        + " AND window_label = '1m' AND dim_set = ''"
                                        + " AND window_start >= ? AND window_start < ?",
                                BigDecimal.class,
                                java.time.OffsetDateTime.ofInstant(t0, java.time.ZoneOffset.UTC),
                                java.time.OffsetDateTime.ofInstant(end, java.time.ZoneOffset.UTC)))
                        .isEqualByComparingTo(expectedRevenue);
                await().atMost(Duration.ofMinutes(1))
                        .untilAsserted(() -> assertThat(jdbc.queryForObject(
                                        "SELECT count(*) FROM events WHERE entity_id LIKE 'it-call-%'", Long.class))
                                .isEqualTo(2L * CALLS));

                // and the same numbers come back through the query engine, from PostgreSQL and from Redis
                MetricQuery byState = MetricQuery.of("calls_by_state", t0, end, Duration.ofHours(1))
                        .withGroupBy(List.of("state"));
                MetricQueryEngine history = new MetricQueryEngine(
                        MetricCatalog.standard(), new PostgresRollupStore(dataSource), QueryLimits.defaults());
                assertThat(total(history.query(byState), Map.of("state", "CA"))).isEqualTo(callsInCalifornia);
                try (RedisClient redis = RedisClient.create(
                        "localhost", SharedInfrastructure.redis().port())) {
                    MetricQueryEngine hot = new MetricQueryEngine(
                            MetricCatalog.standard(),
                            new PlainRedisHotStore(redis, HotStoreSettings.defaults()),
                            QueryLimits.defaults());
                    await().atMost(Duration.ofMinutes(1))
                            .untilAsserted(() -> assertThat(total(hot.query(byState), Map.of("state", "CA")))
                                    .isEqualTo(callsInCalifornia));
                }
            }
        }
    }

    private static long total(MetricResult result, Map<String, String> group) {
        return result.series().stream()
                .filter(s -> s.group().equals(group))
                .flatMap(s -> s.points().stream())
                .filter(p -> p.value() != null)
                .mapToLong(p -> p.value().longValue())
                .sum();
    }

    private static long sumCount(JdbcTemplate jdbc, String series, String window, String dimSet) {
        Long n = jdbc.queryForObject(
                "SELECT coalesce(sum(count), 0) FROM metric_rollups WHERE series = ?"
                        + " AND window_label = ? AND dim_set = ?",
                Long.class,
                series,
                window,
                dimSet);
        return n == null ? 0 : n;
    }

    private static long openWindows(JdbcTemplate jdbc, Instant from, Instant to) {
        // only windows of the test's range: other tests share the database
        Long n = jdbc.queryForObject(
                "SELECT count(*) FROM metric_rollups WHERE series = 'calls' AND NOT closed"
                        + " AND window_start >= ? AND window_start < ?",
                Long.class,
                java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC),
                java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
        return n == null ? 0 : n;
    }

    private static long rollupCount(String series) {
        Long n = new JdbcTemplate(dataSource)
                .queryForObject("SELECT count(*) FROM metric_rollups WHERE series = ?", Long.class, series);
        return n == null ? 0 : n;
    }
}
