package com.dce.analytics.alert;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * alert-service: the spec's AlertManager. Alert rules over the catalog metrics (REST and a
 * default rules file), evaluation on a schedule (one replica per cycle), alert states with
 * history in PostgreSQL, notifications to Slack, PagerDuty and email through a retried outbox,
 * acknowledgements and silences. Configuration lives in {@code alert.yml} so several services
 * can share one classpath.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AlertServiceApplication {

    public static final String CONFIG_NAME = "alert";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application with its own configuration name, for {@code main}, the local launcher and tests. */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(AlertServiceApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return app;
    }
}
