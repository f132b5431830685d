package com.dce.analytics.report;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The report service: the spec's {@code ReportGenerator}. Builds daily, weekly, monthly and custom
 * reports from the metric query engine, exports them as CSV and PDF, runs cron schedules once
 * across replicas and emails the results. Configuration lives in {@code report.yml} so several
 * services can share one classpath.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ReportServiceApplication {

    public static final String CONFIG_NAME = "report";

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ReportServiceApplication.class);
        app.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        app.run(args);
    }
}
