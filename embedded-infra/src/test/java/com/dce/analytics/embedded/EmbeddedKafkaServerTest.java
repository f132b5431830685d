package com.dce.analytics.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaServerTest {

    @Test
    void shouldConfigureSingleNodeBrokerForTransactions() {
        Map<String, String> props = EmbeddedKafkaServer.brokerProperties(9092, 9093, Path.of("/data/kafka"), 3);

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092")
                .containsEntry("log.dirs", Path.of("/data/kafka").toString())
                .containsEntry("num.partitions", "3")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0");
    }

    @Test
    void shouldRefuseAccessorsBeforeStart() {
        EmbeddedKafkaServer kafka = EmbeddedKafkaServer.builder().build();

        assertThat(kafka.isRunning()).isFalse();
        assertThatThrownBy(kafka::bootstrapServers).isInstanceOf(IllegalStateException.class);
        kafka.close();
    }
}
