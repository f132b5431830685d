package com.dce.analytics.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
import com.dce.analytics.store.hot.PlainRedisHotStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The contract on plain Redis (the embedded server has no modules), the hot tier's fallback. */
class PlainRedisHotStoreIT extends HotStoreContract {

    private static RedisClient redis;
    private static HotStore store;

    @BeforeAll
    static void connect() {
        redis = RedisClient.create("localhost", SharedInfrastructure.redis().port());
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
    void shouldChooseThePlainAdapterOnAServerWithoutTheTimeSeriesModule() {
        assertThat(HotStores.hasTimeSeries(redis)).isFalse();
        assertThat(store).isInstanceOf(PlainRedisHotStore.class);
        assertThat(store.kind()).isEqualTo("plain");
    }

    @Test
    void shouldLetWindowsExpireAfterTheRetentionOfTheirLabel() {
        store.write(List.of(point(CALLS, Map.of("buyer_id", "b1"), BASE, 0, values(1))));
        List<String> keys = List.copyOf(redis.keys("cea:w:1m:*"));
        assertThat(keys).isNotEmpty();
        // retention of 1m windows (6 h) plus one chunk (1 h), counted from now
        long ttl = redis.ttl(keys.getFirst());
        assertThat(Duration.ofSeconds(ttl)).isBetween(Duration.ofHours(7).minusMinutes(1), Duration.ofHours(7));
    }
}
