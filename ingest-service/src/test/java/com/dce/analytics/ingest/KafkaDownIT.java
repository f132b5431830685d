package com.dce.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * With no broker where the service looks for Kafka, callers get a 503 with Retry-After within the
 * configured bound, never a hang and never a false success; after the first failure they are
 * refused at once while the circuit is open.
 */
@Tag("integration")
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(
        classes = IngestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "analytics.ingest.kafka-timeout=" + KafkaDownIT.KAFKA_TIMEOUT_MILLIS + "ms",
            "analytics.ingest.circuit-open-for=30s",
            "analytics.ingest.health.timeout=1s"
        })
class KafkaDownIT {

    static final long KAFKA_TIMEOUT_MILLIS = 2_000;
    private static final Duration BOUND = Duration.ofMillis(2 * KAFKA_TIMEOUT_MILLIS);

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void kafkaNowhere(DynamicPropertyRegistry registry) {
        int deadPort = unusedPort();
        registry.add("analytics.kafka.bootstrap-servers", () -> "127.0.0.1:" + deadPort);
    }

    @Test
    @Order(1) // measures the first, slow refusal: it must run before the circuit is open
    void shouldAnswer503WithRetryAfterWithinTheBoundAndThenFailFast() {
        // given
        IngestHttp http = new IngestHttp(port);
        String event = TestEvents.json(TestEvents.callCompleted(TestEvents.entity("down")));

        // when
        long start = System.nanoTime();
        HttpResponse<String> first = http.postEvent(event);
        Duration firstTook = Duration.ofNanos(System.nanoTime() - start);
        start = System.nanoTime();
        HttpResponse<String> second = http.postEvent(event);
        Duration secondTook = Duration.ofNanos(System.nanoTime() - start);

        // then
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(firstTook).isLessThan(BOUND);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Long.parseLong(first.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 30L);
        JsonNode problem = IngestHttp.body(first);
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:dce:analytics:problem:kafka-unavailable");
        assertThat(problem.get("detail").stringValue()).startsWith("The event was not stored: ");

        assertThat(IngestHttp.body(first).get("event_id").stringValue()).isNotBlank();
        assertThat(firstTook).isGreaterThanOrEqualTo(Duration.ofMillis(KAFKA_TIMEOUT_MILLIS / 2));
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(secondTook).isLessThan(Duration.ofMillis(500));
        assertThat(second.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    @Order(2)
    void shouldReportEveryValidEventOfBatchAsRetryableFailureAndStillRefuseInvalidOnes() {
        // given
        IngestHttp http = new IngestHttp(port);
        String body = TestEvents.jsonArray(List.of(
                TestEvents.json(TestEvents.bidPlaced(TestEvents.entity("down-batch"))), "{\"event_type\":\"nope\"}"));

        // when
        long start = System.nanoTime();
        HttpResponse<String> response = http.postBatch(body);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // then
        assertThat(took).isLessThan(BOUND);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        JsonNode problem = IngestHttp.body(response);
        assertThat(problem.get("accepted").asInt()).isZero();
        assertThat(problem.get("failed").asInt()).isEqualTo(1);
        assertThat(problem.get("rejected").asInt()).isEqualTo(1);
        JsonNode failed = problem.get("results").get(0);
        assertThat(failed.get("status").stringValue()).isEqualTo("failed");
        assertThat(failed.get("retryable").booleanValue()).isTrue();
        assertThat(failed.get("event_id").isString()).isTrue();
        assertThat(problem.get("results").get(1).get("status").stringValue()).isEqualTo("rejected");
    }

    @Test
    void shouldReportNotReadyButAliveWhileKafkaIsDown() {
        IngestHttp http = new IngestHttp(port);

        HttpResponse<String> readiness = http.get("/actuator/health/readiness");
        HttpResponse<String> liveness = http.get("/actuator/health/liveness");

        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(IngestHttp.body(readiness).get("status").stringValue()).isEqualTo("DOWN");
        assertThat(liveness.statusCode()).isEqualTo(200);
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
