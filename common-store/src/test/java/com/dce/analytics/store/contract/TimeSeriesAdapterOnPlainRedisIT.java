package com.dce.analytics.store.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.store.hot.HotStoreSettings;
import com.dce.analytics.store.hot.TimeSeriesHotStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * The TimeSeries adapter's write path on a real server whose every TS.ADD fails (the embedded
 * Redis has no module): each pipelined error reply is read and counted by kind, and the plain
 * structures it writes alongside still work.
 */
class TimeSeriesAdapterOnPlainRedisIT {

    private static RedisClient redis;

    @BeforeAll
    static void connect() {
        redis = RedisClient.create("localhost", SharedInfrastructure.redis().port());
    }

    @AfterAll
    static void disconnect() {
        redis.close();
    }

    @BeforeEach
    void empty() {
        redis.flushAll();
    }

    @Test
    void shouldCountEveryFailedPipelinedWriteByKind() {
        TimeSeriesHotStore store = new TimeSeriesHotStore(redis, HotStoreSettings.defaults());
        store.write(List.of(
                RollupStoreContract.point(
                        RollupStoreContract.CALLS,
                        Map.of("buyer_id", "b1"),
                        RollupStoreContract.BASE,
                        0,
                        RollupStoreContract.values(2)),
                RollupStoreContract.point(
                        RollupStoreContract.CALLS,
                        Map.of("buyer_id", "b2"),
                        RollupStoreContract.BASE,
                        0,
                        RollupStoreContract.values(0))));

        // 5 samples for the first window, 3 for the empty one (no min/max): 8 failed TS.ADDs
        Map<String, Long> errors = store.writeErrors();
        assertThat(errors).hasSize(1);
        assertThat(errors.keySet().iterator().next()).contains("TS.ADD");
        assertThat(errors.values().iterator().next()).isEqualTo(8L);
        // the plain structures of both windows were written: one hash per series key
        assertThat(redis.keys("cea:w:*")).hasSize(2);
    }
}
