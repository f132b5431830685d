package com.dce.analytics.ingest.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the Kafka cluster ({@code kafka} in {@code /actuator/health} and the readiness group):
 * UP when the cluster answers a describe-cluster call within the timeout. The result is cached
 * for a few seconds so that frequent probes do not each hit the cluster.
 */
class KafkaHealthIndicator implements HealthIndicator, AutoCloseable {

    private final Map<String, Object> adminConfig;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private Admin admin;
    private Health cached;
    private Instant cachedAt = Instant.MIN;

    KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout, Duration cacheFor, Clock clock) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedAt.plus(cacheFor))) {
            cached = check();
            cachedAt = clock.instant();
        }
        return cached;
    }

    private Health check() {
        try {
            DescribeClusterResult cluster =
                    admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            long waitMillis = timeout.toMillis() + 100;
            String clusterId = cluster.clusterId().get(waitMillis, TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(waitMillis, TimeUnit.MILLISECONDS).size();
            return Health.up()
                    .withDetail("clusterId", clusterId)
                    .withDetail("nodes", nodes)
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().withDetail("error", "interrupted").build();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Health.down()
                    .withDetail("error", cause.getClass().getSimpleName())
                    .build();
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
            admin = null;
        }
    }
}
