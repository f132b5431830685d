package com.dce.analytics.query;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * query-api: the spec's AnalyticsService read side over HTTP ({@code GetMetric},
 * {@code GetAggregation}, {@code GetDashboardData}) and WebSocket ({@code SubscribeToMetrics}),
 * API keys and the audit log, and the web console with a pass-through proxy to alert-service and
 * report-service. Configuration lives in {@code query.yml} so several services can share one
 * classpath.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QueryApiApplication {

    public static final String CONFIG_NAME = "query";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its own configuration name, for {@code main}, the local launcher and tests. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(QueryApiApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }
}
