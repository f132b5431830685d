package com.dce.analytics.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class EmbeddedRedisServerIT {

    @Test
    void shouldSetAndGetOnBundledRedis() {
        try (EmbeddedRedisServer redis = EmbeddedRedisServer.builder().start();
                Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            jedis.set("call:1", "connected");

            assertThat(jedis.get("call:1")).isEqualTo("connected");
            assertThat(jedis.info("server")).contains("redis_version:6.2");
        }
    }

    @Test
    void shouldRunSystemRedisWhenPreferred() {
        assumeTrue(EmbeddedRedisServer.systemBinary().isPresent(), "no redis-server on PATH");
        try (EmbeddedRedisServer redis =
                        EmbeddedRedisServer.builder().preferSystemBinary(true).start();
                Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            jedis.set("k", "v");

            assertThat(jedis.get("k")).isEqualTo("v");
            assertThat(jedis.info("server")).doesNotContain("redis_version:6.2.6");
        }
    }

    @Test
    void shouldListenOnFixedPortAndStopOnClose() {
        int port = FreePorts.pick();
        EmbeddedRedisServer redis = EmbeddedRedisServer.builder().port(port).start();
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            assertThat(jedis.ping()).isEqualTo("PONG");
        }

        redis.close();
        redis.close();

        assertThat(redis.isRunning()).isFalse();
        assertThat(FreePorts.resolve(port)).isEqualTo(port);
    }
}
