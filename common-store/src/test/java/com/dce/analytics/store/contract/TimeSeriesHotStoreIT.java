package com.dce.analytics.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
import com.dce.analytics.store.hot.TimeSeriesHotStore;
import com.dce.analytics.store.query.AggregateRow;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import redis.clients.jedis.RedisClient;

/**
 * The contract on Redis 8, whose TimeSeries module is built in (the production hot tier). Needs a
 * Docker engine; skipped where there is none (as on the project's build machine, where no
 * registry serves a Redis with the module).
 */
@Testcontainers(disabledWithoutDocker = true)
class TimeSeriesHotStoreIT extends HotStoreContract {

    @Container
    private static final GenericContainer<?> REDIS =
            new GenericContainer<>(DockerImageName.parse("redis:8.2.2")).withExposedPorts(6379);

    private static RedisClient redis;
    private static HotStore store;

    @BeforeAll
    static void connect() {
        redis = RedisClient.create(REDIS.getHost(), REDIS.getMappedPort(6379));
        store = HotStores.forServer(redis, HotStoreSettings.defaults());
    }

    @Override
    protected RedisClient redis() {
        return redis;
    }

    @Override
    protected HotStore hot() {
        return store;
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @Test
    void shouldChooseTheTimeSeriesAdapterWhenTheModuleIsPresent() {
        assertThat(HotStores.hasTimeSeries(redis)).isTrue();
        assertThat(store).isInstanceOf(TimeSeriesHotStore.class);
        assertThat(store.kind()).isEqualTo("timeseries");
    }

    @Test
    void shouldReturnCountSumMinMaxAndClosedTogetherInOneRowPerBucketAndGroup() {
        com.dce.analytics.metrics.MetricAggregate a = com.dce.analytics.metrics.MetricAggregate.empty(false);
        a.add(new BigDecimal("2000.0001"), BASE.toEpochMilli());
        a.add(new BigDecimal("79.3993"), BASE.toEpochMilli());
        com.dce.analytics.metrics.MetricAggregate b = com.dce.analytics.metrics.MetricAggregate.empty(false);
        b.add(new BigDecimal("0.5"), BASE.toEpochMilli());
        store.write(List.of(
                closed(point(REVENUE, Map.of("buyer_id", "b1"), BASE, 0, a)),
                closed(point(REVENUE, Map.of("buyer_id", "b2"), BASE, 1, b)),
                point(REVENUE, Map.of("buyer_id", "b2"), BASE.plusSeconds(60), 1, b)));

        List<AggregateRow> totals = store.read(query(REVENUE, List.of("buyer_id"), Map.of(), List.of()));
        List<AggregateRow> byBuyer = store.read(query(REVENUE, List.of("buyer_id"), Map.of(), List.of("buyer_id")));

        assertThat(totals).hasSize(2);
        AggregateRow first = totals.getFirst();
        assertThat(first.group()).isEmpty();
        assertThat(first.aggregate().count()).isEqualTo(3);
        assertThat(first.aggregate().sum()).isEqualByComparingTo("2079.8994");
        assertThat(first.aggregate().min()).isEqualTo(0.5);
        assertThat(first.aggregate().max()).isEqualTo(2000.0001);
        assertThat(first.closed()).isTrue();
        assertThat(totals.get(1).closed()).isFalse();
        assertThat(byBuyer)
                .filteredOn(r -> r.bucket().equals(BASE))
                .extracting(AggregateRow::group)
                .containsExactlyInAnyOrder(Map.of("buyer_id", "b1"), Map.of("buyer_id", "b2"));
        assertThat(store.writeErrors()).isEmpty();
    }

    @Test
    void shouldPutATtlOnEveryKeyItWrites() {
        store.write(List.of(point(CALLS, Map.of("buyer_id", "b1"), BASE, 0, values(1))));
        List<String> keys = List.copyOf(redis.keys("cea:*"));
        assertThat(keys).isNotEmpty();
        for (String key : keys) {
            assertThat(redis.ttl(key)).as(key).isPositive();
        }
        assertThat(redis.keys("cea:t:*")).hasSize(5);
        assertThat(Duration.ofSeconds(redis.ttl("cea:t:1m:"
                        + keys.stream()
                                .filter(k -> k.startsWith("cea:t:"))
                                .findFirst()
                                .orElseThrow()
                                .substring("cea:t:1m:".length()))))
                .isLessThanOrEqualTo(Duration.ofHours(6).plusMinutes(20));
    }
}
