package com.dce.analytics.aggregator.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the shared infrastructure is ({@code analytics.*}): Kafka brokers and the Redis hot tier.
 * The database is Spring's {@code spring.datasource.*}.
 */
@ConfigurationProperties("analytics")
public record PlatformProperties(Kafka kafka, Redis redis) {

    public record Kafka(@DefaultValue("localhost:9092") String bootstrapServers) {}

    public record Redis(
            @DefaultValue("redis://localhost:6379") String url) {}
}
