package com.dce.analytics.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

class EmbeddedInfrastructureIT {

    @Test
    void shouldStartAllServersInParallelAndStopThemIdempotently(@TempDir Path dataDir) throws Exception {
        EmbeddedInfrastructure infra =
                EmbeddedInfrastructure.builder().dataDir(dataDir).start();
        try (Connection c = infra.postgres().connect();
                Jedis jedis = new Jedis("127.0.0.1", infra.redis().port())) {
            infra.kafka().createTopics(List.of(new NewTopic("smoke", 1, (short) 1)));
            assertThat(c.isValid(5)).isTrue();
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(infra.startupTimes()).containsKeys("kafka", "postgres", "redis", "total");
            assertThat(dataDir.resolve("kafka/meta.properties")).exists();
            assertThat(dataDir.resolve("postgres/postgresql.conf")).exists();
        }

        infra.close();
        infra.close();

        assertThat(infra.kafka().isRunning()).isFalse();
        assertThat(infra.postgres().isRunning()).isFalse();
        assertThat(infra.redis().isRunning()).isFalse();
    }
}
