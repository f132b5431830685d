package com.dce.analytics.ingest.publish;

import com.dce.analytics.events.topic.Topics;
import com.dce.analytics.ingest.system.IngestProperties;
import com.dce.analytics.ingest.system.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * The producer side: one idempotent {@code acks=all} producer shared by all requests, the topic
 * creation at start-up ({@link Topics#newTopics}; existing topics are left as they are) and the
 * Kafka health indicator. Spring Boot's own Kafka beans back off in favour of these.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    @Bean
    KafkaClientSettings kafkaClientSettings(KafkaProperties boot, KafkaSettings platform, IngestProperties ingest) {
        return new KafkaClientSettings(boot, platform, ingest);
    }

    @Bean
    ProducerFactory<String, byte[]> ingestProducerFactory(KafkaClientSettings settings) {
        return new DefaultKafkaProducerFactory<>(
                settings.producer(), new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    KafkaTemplate<String, byte[]> ingestKafkaTemplate(ProducerFactory<String, byte[]> ingestProducerFactory) {
        KafkaTemplate<String, byte[]> template = new KafkaTemplate<>(ingestProducerFactory);
        // the publisher reports failures per request; the default listener would log every failed record
        template.setProducerListener(new ProducerListener<>() {});
        return template;
    }

    @Bean
    EventPublisher eventPublisher(
            KafkaTemplate<String, byte[]> ingestKafkaTemplate,
            IngestProperties properties,
            Clock clock,
            MeterRegistry meters) {
        KafkaCircuit circuit = new KafkaCircuit(properties.circuitOpenFor(), clock);
        return new EventPublisher(ingestKafkaTemplate, circuit, properties.kafkaTimeout(), meters);
    }

    @Bean
    KafkaAdmin kafkaAdmin(KafkaClientSettings settings, IngestProperties properties) {
        KafkaAdmin admin = new KafkaAdmin(settings.admin(settings.timeout(), "admin"));
        admin.setAutoCreate(properties.topics().create());
        // the service starts without Kafka and answers 503 until it is back
        admin.setFatalIfBrokerNotAvailable(false);
        int seconds = (int) Math.max(1, settings.timeout().toSeconds());
        admin.setOperationTimeout(seconds);
        admin.setCloseTimeout(seconds);
        return admin;
    }

    @Bean
    KafkaAdmin.NewTopics platformTopics(IngestProperties properties) {
        IngestProperties.TopicSettings topics = properties.topics();
        return new KafkaAdmin.NewTopics(
                Topics.newTopics(topics.partitions(), topics.replication()).toArray(NewTopic[]::new));
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaClientSettings settings, IngestProperties properties, Clock clock) {
        IngestProperties.HealthSettings health = properties.health();
        return new KafkaHealthIndicator(
                settings.admin(health.timeout(), "health"), health.timeout(), health.cacheFor(), clock);
    }
}
