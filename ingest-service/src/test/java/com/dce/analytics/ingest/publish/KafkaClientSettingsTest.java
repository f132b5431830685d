package com.dce.analytics.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.ingest.system.IngestProperties;
import com.dce.analytics.ingest.system.KafkaSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.util.unit.DataSize;

class KafkaClientSettingsTest {

    private static IngestProperties ingest(Duration kafkaTimeout) {
        return new IngestProperties(
                10_000,
                DataSize.ofMegabytes(10),
                kafkaTimeout,
                Duration.ofSeconds(2),
                true,
                List.of(),
                new IngestProperties.TopicSettings(true, 3, (short) 1),
                new IngestProperties.ValidationSettings(Duration.ofMinutes(5), Duration.ofDays(7)),
                new IngestProperties.HealthSettings(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    @Test
    void shouldKeepReliabilitySettingsWhateverSpringKafkaSays() {
        // given a configuration that tries to weaken durability
        KafkaProperties boot = new KafkaProperties();
        boot.getProducer().setAcks("1");
        boot.getProducer().getProperties().put("enable.idempotence", "false");
        boot.getProducer().getProperties().put("linger.ms", "20");

        // when
        Map<String, Object> producer =
                new KafkaClientSettings(boot, new KafkaSettings(List.of()), ingest(Duration.ofSeconds(5))).producer();

        // then
        assertThat(producer)
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 20)
                .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
    }

    @Test
    void shouldBoundEveryProducerWaitByTheKafkaTimeout() {
        Map<String, Object> producer = new KafkaClientSettings(
                        new KafkaProperties(), new KafkaSettings(List.of()), ingest(Duration.ofSeconds(5)))
                .producer();

        assertThat(producer)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000L)
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000)
                .containsEntry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_497)
                .containsEntry(ProducerConfig.LINGER_MS_CONFIG, 5);
    }

    @Test
    void shouldPreferPlatformBootstrapServersOverSpringKafkas() {
        KafkaProperties boot = new KafkaProperties();
        boot.setBootstrapServers(List.of("spring:9092"));
        KafkaClientSettings settings = new KafkaClientSettings(
                boot, new KafkaSettings(List.of("a:9092", "b:9092")), ingest(Duration.ofSeconds(5)));
        KafkaClientSettings springOnly =
                new KafkaClientSettings(boot, new KafkaSettings(List.of()), ingest(Duration.ofSeconds(5)));

        assertThat(settings.producer()).containsEntry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "a:9092,b:9092");
        assertThat(settings.admin(Duration.ofSeconds(2), "health"))
                .containsEntry(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "a:9092,b:9092")
                .containsEntry(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        assertThat(String.valueOf(springOnly.producer().get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)))
                .contains("spring:9092");
    }
}
