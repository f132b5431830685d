package com.dce.analytics.ingest;

import static com.dce.analytics.ingest.TestEvents.CALLER_IP;
import static com.dce.analytics.ingest.TestEvents.CALLER_NUMBER;
import static com.dce.analytics.ingest.TopicReader.keyStartsWith;
import static com.dce.analytics.ingest.TopicReader.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.embedded.SharedInfrastructure;
import com.dce.analytics.events.AnalyticsEvent;
import com.dce.analytics.events.EventFamily;
import com.dce.analytics.events.topic.Topics;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The ingest API end to end against a real KRaft broker: what goes in over HTTP, and what lands on which topic. */
@Tag("integration")
@Timeout(120)
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestApiIT {

    private static TopicReader topics;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add(
                "analytics.kafka.bootstrap-servers",
                () -> SharedInfrastructure.kafka().bootstrapServers());
    }

    @BeforeAll
    static void readTopics() {
        List<String> names = new java.util.ArrayList<>(EventFamily.topics());
        names.add(Topics.DEAD_LETTERS.name());
        topics = new TopicReader(SharedInfrastructure.kafka().bootstrapServers(), names);
    }

    @AfterAll
    static void closeReader() {
        topics.close();
    }

    private IngestHttp http() {
        return new IngestHttp(port);
    }

    @Test
    void shouldStoreSingleEventPseudonymisedOnItsFamilyTopicKeyedByEntity() {
        // given
        String callId = TestEvents.entity("single-call");
        AnalyticsEvent event = TestEvents.callStarted(callId);

        // when
        HttpResponse<String> response = http().postEvent(TestEvents.json(event));

        // then
        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = IngestHttp.body(response);
        assertThat(body.get("event_id").stringValue()).isEqualTo(event.eventId().toString());
        assertThat(body.get("status").stringValue()).isEqualTo("accepted");
        assertThat(body.get("topic").stringValue()).isEqualTo("call.events");
        assertThat(body.get("offset").isIntegralNumber()).isTrue();

        ConsumerRecord<String, String> stored =
                topics.awaitRecords(keyStartsWith(callId), 1).getFirst();
        assertThat(stored.topic()).isEqualTo("call.events");
        assertThat(stored.key()).isEqualTo(callId);
        assertThat(stored.partition()).isEqualTo(body.get("partition").asInt());
        assertThat(stored.offset()).isEqualTo(body.get("offset").asLong());
        assertThat(stored.value()).doesNotContain(CALLER_NUMBER, "4155550123", CALLER_IP, "dialer/2.1");
        JsonNode value = value(stored);
        assertThat(value.get("event_id").stringValue())
                .isEqualTo(event.eventId().toString());
        assertThat(value.at("/properties/caller_number").stringValue()).startsWith("pii:v1:");
        assertThat(value.at("/context/ip_address").stringValue()).startsWith("pii:v1:");
        assertThat(value.at("/properties/seller_id").stringValue()).isEqualTo("seller-7");
        assertThat(value.at("/context/tags/region").stringValue()).isEqualTo("us-west");
    }

    @Test
    void shouldAnswerMixedBatchItemByItemAndDeadLetterTheInvalidEvents() {
        // given three valid events of three families and four invalid ones of different kinds
        String prefix = TestEvents.entity("mixed");
        String requestId = "it-" + UUID.randomUUID();
        AnalyticsEvent call = TestEvents.callCompleted(prefix + "-call");
        AnalyticsEvent bid = TestEvents.bidPlaced(prefix + "-auction");
        AnalyticsEvent api = TestEvents.apiRequest(prefix + "-router");
        String unknownType =
                TestEvents.withField(TestEvents.callStarted(prefix + "-x1"), "event_type", "\"call.teleported\"");
        String missingEntity = TestEvents.withField(TestEvents.callStarted(prefix + "-x2"), "entity_id", null);
        String mistypedDuration = TestEvents.json(TestEvents.callCompleted(prefix + "-x3"))
                .replace("\"duration_seconds\":125", "\"duration_seconds\":\"long\"");
        String absurdTime =
                TestEvents.withField(TestEvents.bidPlaced(prefix + "-x4"), "event_time", "\"1970-01-01T00:00:00Z\"");
        String body = TestEvents.jsonArray(List.of(
                TestEvents.json(call),
                unknownType,
                TestEvents.json(bid),
                missingEntity,
                mistypedDuration,
                TestEvents.json(api),
                absurdTime));

        // when
        HttpResponse<String> response = http().send(http().request("/api/v1/events/batch")
                .header("Content-Type", "application/json")
                .header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        // then the answer lists every item
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode answer = IngestHttp.body(response);
        assertThat(answer.get("accepted").asInt()).isEqualTo(3);
        assertThat(answer.get("rejected").asInt()).isEqualTo(4);
        assertThat(answer.get("failed").asInt()).isZero();
        JsonNode results = answer.get("results");
        assertThat(results.valueStream().map(r -> r.get("status").stringValue()))
                .containsExactly("accepted", "rejected", "accepted", "rejected", "rejected", "accepted", "rejected");
        assertThat(results.get(0).get("event_id").stringValue())
                .isEqualTo(call.eventId().toString());
        assertThat(results.get(0).has("errors")).isFalse();
        assertThat(errors(results.get(1))).containsExactly("$[1].event_type: unknown event type 'call.teleported'");
        assertThat(errors(results.get(3))).containsExactly("$[3].entity_id: is required");
        assertThat(errors(results.get(4))).containsExactly("$[4].properties.duration_seconds: must be a number");
        assertThat(errors(results.get(6))).containsExactly("$[6].event_time: is older than PT168H");

        // and the valid events are on their families' topics, keyed by entity
        List<ConsumerRecord<String, String>> stored = topics.awaitRecords(keyStartsWith(prefix), 3);
        assertThat(stored)
                .extracting(ConsumerRecord::topic, ConsumerRecord::key)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("call.events", prefix + "-call"),
                        org.assertj.core.groups.Tuple.tuple("bid.events", prefix + "-auction"),
                        org.assertj.core.groups.Tuple.tuple("system.events", prefix + "-router"));

        // and the invalid ones are on the dead-letter topic with their reasons
        List<ConsumerRecord<String, String>> letters =
                topics.awaitRecords(r -> r.topic().equals("analytics.dlq") && requestId.equals(r.key()), 4);
        assertThat(letters).extracting(r -> value(r).get("index").asInt()).containsExactlyInAnyOrder(1, 3, 4, 6);
        JsonNode unknown = letters.stream()
                .map(TopicReader::value)
                .filter(l -> l.get("index").asInt() == 1)
                .findFirst()
                .orElseThrow();
        assertThat(unknown.get("request_id").stringValue()).isEqualTo(requestId);
        assertThat(unknown.get("source").stringValue()).isEqualTo("ingest-service/integration-tests");
        assertThat(unknown.get("event_type").stringValue()).isEqualTo("call.teleported");
        assertThat(unknown.at("/violations/0/path").stringValue()).isEqualTo("$[1].event_type");
        assertThat(unknown.at("/violations/0/message").stringValue()).isEqualTo("unknown event type 'call.teleported'");
        assertThat(unknown.get("payload").stringValue())
                .contains(prefix + "-x1")
                .doesNotContain(CALLER_NUMBER, CALLER_IP);
    }

    @Test
    void shouldAcceptNdjsonBatchIgnoringBlankLinesAndRefusingOnlyTheBadLine() {
        // given
        String prefix = TestEvents.entity("ndjson");
        AnalyticsEvent first = TestEvents.callStarted(prefix + "-a");
        AnalyticsEvent second = TestEvents.bidPlaced(prefix + "-b");
        String body = TestEvents.json(first) + "\n\n" + "{\"event_type\": \"call.started\", oops\n" + "\r\n"
                + TestEvents.json(second) + "\n";

        // when
        HttpResponse<String> response = http().postBatch("application/x-ndjson", body);

        // then
        assertThat(response.statusCode()).isEqualTo(207);
        JsonNode results = IngestHttp.body(response).get("results");
        assertThat(results.valueStream().map(r -> r.get("line").asInt())).containsExactly(1, 3, 5);
        assertThat(results.valueStream().map(r -> r.get("index").asInt())).containsExactly(0, 1, 2);
        assertThat(results.valueStream().map(r -> r.get("status").stringValue()))
                .containsExactly("accepted", "rejected", "accepted");
        assertThat(results.get(1).at("/errors/0/path").stringValue()).isEqualTo("$[1]");
        assertThat(results.get(1).at("/errors/0/message").stringValue()).startsWith("line 3, column ");
        assertThat(topics.awaitRecords(keyStartsWith(prefix), 2))
                .extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(prefix + "-a", prefix + "-b");
    }

    @Test
    void shouldAnswer200WhenEveryEventOfBatchIsAccepted() {
        String prefix = TestEvents.entity("all-good");
        String body = TestEvents.jsonArray(List.of(
                TestEvents.json(TestEvents.callCompleted(prefix + "-1")),
                TestEvents.json(TestEvents.callCompleted(prefix + "-2"))));

        HttpResponse<String> response = http().postBatch(body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(IngestHttp.body(response).get("accepted").asInt()).isEqualTo(2);
        assertThat(topics.awaitRecords(keyStartsWith(prefix), 2)).hasSize(2);
    }

    @Test
    void shouldAnswer422ProblemWithResultsWhenNoEventOfBatchIsValid() {
        String body = "[{\"event_type\":\"call.started\"}, 17]";

        HttpResponse<String> response = http().postBatch(body);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = IngestHttp.body(response);
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:dce:analytics:problem:invalid-batch");
        assertThat(problem.get("status").asInt()).isEqualTo(422);
        assertThat(problem.get("accepted").asInt()).isZero();
        assertThat(problem.get("rejected").asInt()).isEqualTo(2);
        assertThat(errors(problem.get("results").get(1))).containsExactly("$[1]: an event must be a JSON object");
    }

    @Test
    void shouldReportKafkaReadyAndExposeIngestMetricsWithoutApiKey() {
        // given some traffic
        http().postEvent(TestEvents.json(TestEvents.callCompleted(TestEvents.entity("metrics"))));

        // when
        HttpResponse<String> readiness = http().get("/actuator/health/readiness");
        HttpResponse<String> health = http().get("/actuator/health");
        HttpResponse<String> prometheus = http().get("/actuator/prometheus");

        // then
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(IngestHttp.body(readiness).get("status").stringValue()).isEqualTo("UP");
        assertThat(IngestHttp.body(health).at("/components/kafka/status").stringValue())
                .isEqualTo("UP");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("ingest_events_total{family=\"call\",outcome=\"accepted\"")
                .contains("ingest_batch_size_events_count")
                .contains("ingest_publish_duration_seconds_count{outcome=\"acknowledged\"")
                .contains("http_server_requests_seconds_count");
    }

    private static List<String> errors(JsonNode result) {
        return result.get("errors")
                .valueStream()
                .map(e -> e.get("path").stringValue() + ": " + e.get("message").stringValue())
                .toList();
    }

    @Test
    void shouldReportItsOwnRequestsAsSystemEvents() {
        // when a request is served
        assertThat(http().postEvent(TestEvents.json(TestEvents.callStarted(TestEvents.entity("telemetry"))))
                        .statusCode())
                .isEqualTo(201);

        // then the service itself publishes it as an API request with route, status and latency
        JsonNode request = value(topics.awaitRecords(
                        r -> "ingest-service".equals(r.key())
                                && r.value().contains("\"system.api_request\"")
                                && r.value().contains("\"endpoint\":\"POST /api/v1/events\""),
                        1)
                .getFirst());
        assertThat(request.at("/properties/service").stringValue()).isEqualTo("ingest-service");
        assertThat(request.at("/properties/status").asInt()).isEqualTo(201);
        assertThat(request.at("/properties/latency_ms").asDouble()).isPositive();
    }
}
