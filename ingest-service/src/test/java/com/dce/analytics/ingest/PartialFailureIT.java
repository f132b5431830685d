package com.dce.analytics.ingest;

import static com.dce.analytics.ingest.TopicReader.keyStartsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dce.analytics.embedded.EmbeddedKafkaServer;
import com.dce.analytics.events.AnalyticsEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * On a dedicated broker where only {@code call.events} exists (and topics are not created
 * automatically), a batch whose bid event cannot be stored is answered 207: the call event is
 * accepted and stored, and exactly the events that were not stored are reported as retryable
 * failures, which succeed when retried once the topic exists.
 */
@Tag("integration")
@Timeout(120)
@SpringBootTest(
        classes = IngestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "analytics.ingest.topics.create=false",
            "analytics.ingest.kafka-timeout=2s",
            "analytics.ingest.circuit-open-for=1s"
        })
class PartialFailureIT {

    private static final EmbeddedKafkaServer broker = EmbeddedKafkaServer.builder()
            .brokerProperty("auto.create.topics.enable", "false")
            .start();

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        broker.createTopics(List.of(new NewTopic("call.events", 1, (short) 1)));
        registry.add("analytics.kafka.bootstrap-servers", broker::bootstrapServers);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldReportExactlyTheEventsKafkaDidNotStoreAndAcceptThemOnRetry() {
        // given
        IngestHttp http = new IngestHttp(port);
        String prefix = TestEvents.entity("partial");
        AnalyticsEvent call = TestEvents.callCompleted(prefix + "-call-1");
        AnalyticsEvent bid = TestEvents.bidPlaced(prefix + "-auction");
        AnalyticsEvent laterCall = TestEvents.callCompleted(prefix + "-call-2");

        // when
        HttpResponse<String> response = http.postBatch(
                TestEvents.jsonArray(List.of(TestEvents.json(call), TestEvents.json(bid), TestEvents.json(laterCall))));

        // then
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        JsonNode answer = IngestHttp.body(response);
        assertThat(answer.get("accepted").asInt()).isEqualTo(1);
        assertThat(answer.get("failed").asInt()).isEqualTo(2);
        JsonNode results = answer.get("results");
        assertThat(results.get(0).get("status").stringValue()).isEqualTo("accepted");
        for (int i : new int[] {1, 2}) {
            assertThat(results.get(i).get("status").stringValue()).isEqualTo("failed");
            assertThat(results.get(i).get("retryable").booleanValue()).isTrue();
        }
        assertThat(results.get(1).get("event_id").stringValue())
                .isEqualTo(bid.eventId().toString());
        assertThat(results.get(2).get("event_id").stringValue())
                .isEqualTo(laterCall.eventId().toString());

        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), List.of("call.events"))) {
            assertThat(reader.awaitRecords(keyStartsWith(prefix), 1))
                    .extracting(ConsumerRecord::key)
                    .containsExactly(prefix + "-call-1");
        }

        // when the missing topic appears, the caller retries just the failed events
        broker.createTopics(List.of(new NewTopic("bid.events", 1, (short) 1)));
        String retry = TestEvents.jsonArray(List.of(TestEvents.json(bid), TestEvents.json(laterCall)));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> http.postBatch(retry).statusCode() == 200);
        try (TopicReader reader = new TopicReader(broker.bootstrapServers(), List.of("call.events", "bid.events"))) {
            assertThat(reader.matching(r -> false)).isEmpty();
            assertThat(reader.awaitRecords(keyStartsWith(prefix), 3))
                    .extracting(ConsumerRecord::key)
                    .contains(prefix + "-call-1", prefix + "-auction", prefix + "-call-2");
        }
    }
}
