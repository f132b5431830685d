package com.dce.analytics.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.store.hot.HotStore;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.HotStores;
import com.dce.analytics.store.hot.TimeSeriesHotStore;
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
}
