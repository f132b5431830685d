package com.dce.analytics.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.events.EventJson;
import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.validation.EventValidator;
import com.dce.analytics.events.validation.ValidationPolicy;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The collector against a real HTTP receiver standing in for ingest-service. */
class BatchingMetricsCollectorTest {

    private HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger unavailableAnswersLeft = new AtomicInteger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @BeforeEach
    void startReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/events/batch", exchange -> {
            requests.incrementAndGet();
            keys.add(exchange.getRequestHeaders().getFirst("X-API-Key"));
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = 200;
            if (unavailableAnswersLeft.getAndDecrement() > 0) {
                status = 503;
            } else {
                EventJson.mapper()
                        .readTree(new String(body, StandardCharsets.UTF_8))
                        .forEach(received::add);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
    }

    private BatchingMetricsCollector collector(int batchSize) {
        CollectorSettings settings = new CollectorSettings(
                "bid-engine", "test", "1", batchSize, Duration.ofMillis(50), 1000, 5, Duration.ofMillis(20));
        HttpEventSink sink = new HttpEventSink(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "key-1", Duration.ofSeconds(5));
        return new BatchingMetricsCollector(settings, sink, registry, Clock.systemUTC());
    }

    @Test
    void shouldPublishValidCatalogEventsInBatches() {
        try (BatchingMetricsCollector collector = collector(10)) {
            for (int i = 0; i < 25; i++) {
                collector.recordBidPlaced(new Bid("call-" + i, "buyer-1", new BigDecimal("1.2500")));
            }
            collector.recordCallCompleted(
                    new Call(
                            "call-1",
                            "seller-1",
                            "buyer-1",
                            "CA",
                            null,
                            new BigDecimal("2.5"),
                            "completed",
                            null,
                            null,
                            null,
                            null,
                            null),
                    Duration.ofSeconds(97));
            collector.recordRevenue(new BigDecimal("10.0000"), UUID.randomUUID());
            collector.recordLatency("/bids", Duration.ofMillis(12));
            assertThat(collector.flush(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(received).hasSize(28);
        assertThat(requests.get()).isBetween(3, 6);
        assertThat(keys).containsOnly("key-1");
        EventValidator validator =
                new EventValidator(EventCatalog.standard(), ValidationPolicy.defaults(), Clock.systemUTC());
        assertThat(received)
                .allSatisfy(e -> assertThat(validator.validate(e).violations()).isEmpty());
        assertThat(registry.get("analytics.collector.published").counter().count())
                .isEqualTo(28);
    }

    @Test
    void shouldRetryWhenIngestIsUnavailableAndLoseNothing() {
        unavailableAnswersLeft.set(2);
        try (BatchingMetricsCollector collector = collector(100)) {
            for (int i = 0; i < 5; i++) {
                collector.recordCallStarted(Call.arriving("call-" + i, "seller-1", "TX", "+15125550100"));
            }
            assertThat(collector.flush(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(received).hasSize(5);
        assertThat(registry.get("analytics.collector.retried").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("analytics.collector.dropped").counter().count())
                .isZero();
    }

    @Test
    void shouldCountWhatItGivesUpOn() {
        unavailableAnswersLeft.set(1_000);
        try (BatchingMetricsCollector collector = collector(100)) {
            collector.recordCallStarted(Call.arriving("call-x", "seller-1", "TX", null));
            collector.flush(Duration.ofSeconds(10));
        }

        assertThat(received).isEmpty();
        assertThat(registry.get("analytics.collector.dropped").counter().count())
                .isEqualTo(1);
    }
}
