package com.dce.analytics.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.PropertySource;

/**
 * The ingest service: accepts analytics events over HTTP, validates them against the event
 * catalog, pseudonymises personal data and produces them to their family's Kafka topic; refused
 * events go to {@code analytics.dlq}.
 *
 * <p>Defaults live in {@code ingest-defaults.properties} next to this class rather than in an
 * {@code application.properties}, so that several services' contexts can share one classpath
 * (the local launcher) without their configuration files shadowing each other. Anything set in
 * the environment, the command line or an {@code application.*} file overrides them.
 */
// ingest never touches a database; when it shares a classpath with services that do (the local
// launcher), a JDBC driver there must not make it configure a DataSource
@SpringBootApplication(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConfigurationPropertiesScan
@PropertySource("classpath:com/dce/analytics/ingest/ingest-defaults.properties")
public class IngestApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestApplication.class, args);
    }
}
