package com.dce.analytics.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class SharedInfrastructureIT {

    @Test
    void shouldStartEachServerOnceAndShareIt() throws Exception {
        EmbeddedKafkaServer kafka = SharedInfrastructure.kafka();
        EmbeddedPostgresServer postgres = SharedInfrastructure.postgres();
        EmbeddedRedisServer redis = SharedInfrastructure.redis();

        assertThat(SharedInfrastructure.kafka()).isSameAs(kafka);
        assertThat(SharedInfrastructure.postgres()).isSameAs(postgres);
        assertThat(SharedInfrastructure.redis()).isSameAs(redis);
        assertThat(kafka.isRunning()).isTrue();
        try (Connection c = postgres.connect();
                Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            assertThat(c.isValid(5)).isTrue();
            assertThat(jedis.ping()).isEqualTo("PONG");
        }
    }
}
