package com.dce.analytics.ingest.system;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The platform-wide Kafka address ({@code analytics.kafka.bootstrap-servers}). When it is not set,
 * Spring Boot's {@code spring.kafka.bootstrap-servers} applies; every other {@code spring.kafka.*}
 * client setting (security, client id, …) applies either way.
 */
@ConfigurationProperties("analytics.kafka")
public record KafkaSettings(List<String> bootstrapServers) {

    public KafkaSettings {
        bootstrapServers = bootstrapServers == null ? List.of() : List.copyOf(bootstrapServers);
    }
}
