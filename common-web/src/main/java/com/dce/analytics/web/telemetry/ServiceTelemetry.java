package com.dce.analytics.web.telemetry;

import com.dce.analytics.collector.BatchingMetricsCollector;
import com.dce.analytics.collector.CollectorSettings;
import com.dce.analytics.collector.KafkaEventSink;
import com.dce.analytics.collector.ProcessResources;
import com.dce.analytics.collector.Tag;
import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.pii.PiiProtector;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * The platform measuring itself: each service reports its own API requests (latency and status),
 * CPU, memory and heartbeat as {@code system.*} events, through the same {@code MetricsCollector}
 * the exchange's services embed, straight to Kafka. So the operations dashboard's service grid,
 * {@code api_response_time_p99}, {@code error_rate_by_service} and {@code cpu_usage_by_service}
 * cover the analytics services too, and the {@code system_degradation} rule watches them.
 *
 * <p>Recording never blocks a request: events wait in the collector's bounded queue and are
 * published in batches by its own thread; what cannot be published is counted
 * ({@code analytics.collector.dropped}), never retried forever. The events carry no personal data;
 * the pseudonymiser the sink requires gets a random per-process key.
 */
public final class ServiceTelemetry implements AutoCloseable {

    private final BatchingMetricsCollector collector;
    private final ScheduledExecutorService sampler;

    ServiceTelemetry(String service, BatchingMetricsCollector collector, Duration sampleInterval) {
        this.collector = collector;
        if (collector == null) {
            this.sampler = null;
            return;
        }
        this.sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("telemetry-" + service).factory());
        long every = sampleInterval.toMillis();
        sampler.scheduleAtFixedRate(this::sample, Math.min(every, 5_000), every, TimeUnit.MILLISECONDS);
    }

    /** Telemetry that records nothing (no Kafka configured, or turned off). */
    public static ServiceTelemetry disabled(String service) {
        return new ServiceTelemetry(service, null, Duration.ZERO);
    }

    /**
     * Starts telemetry for a service when {@code analytics.kafka.bootstrap-servers} is set and
     * {@code analytics.telemetry.enabled} is not false; samples resources every
     * {@code analytics.telemetry.interval} (15 s).
     */
    public static ServiceTelemetry start(String service, Environment env, MeterRegistry registry) {
        String servers = env.getProperty("analytics.kafka.bootstrap-servers", "");
        if (servers.isBlank() || !env.getProperty("analytics.telemetry.enabled", Boolean.class, true)) {
            return disabled(service);
        }
        Duration interval = env.getProperty("analytics.telemetry.interval", Duration.class, Duration.ofSeconds(15));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        KafkaEventSink sink =
                new KafkaEventSink(servers, new PiiProtector(key, EventCatalog.standard()), Duration.ofSeconds(10));
        BatchingMetricsCollector collector =
                new BatchingMetricsCollector(CollectorSettings.defaults(service), sink, registry, Clock.systemUTC());
        return new ServiceTelemetry(service, collector, interval);
    }

    public boolean enabled() {
        return collector != null;
    }

    /** The filter that reports every request under {@code /api/}, ahead of authentication. */
    public FilterRegistrationBean<ApiTelemetryFilter> apiFilter() {
        FilterRegistrationBean<ApiTelemetryFilter> registration =
                new FilterRegistrationBean<>(new ApiTelemetryFilter(this));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.setEnabled(enabled());
        return registration;
    }

    /** One API request served: its route template, time taken and HTTP status. */
    public void apiRequest(String endpoint, Duration took, int status) {
        if (collector == null) {
            return;
        }
        collector.recordLatency(endpoint, took, Tag.of("status", Integer.toString(status)));
    }

    private void sample() {
        ProcessResources now = ProcessResources.now();
        collector.recordResources(now.cpuPercent(), now.memoryBytes());
        collector.recordHeartbeat("up");
    }

    @Override
    public void close() {
        if (collector != null) {
            sampler.shutdownNow();
            collector.close();
        }
    }
}
