package com.dce.analytics.aggregator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The stream aggregator: the Kafka Streams application that computes every base series of the
 * catalog, and the sinks that write its output and the raw events to PostgreSQL and Redis.
 * Configuration lives in {@code aggregator.yml} so several services can share one classpath.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AggregatorApplication {

    public static final String CONFIG_NAME = "aggregator";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(AggregatorApplication.class);
        app.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
