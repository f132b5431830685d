package com.dce.analytics.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.embedded.SharedInfrastructure;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of bad request gets its own status and an RFC 9457 problem, never a stack trace or a
 * 500. Limits are lowered (5 events, 16 KiB) so that exceeding them is cheap.
 */
@Tag("integration")
@Timeout(120)
@SpringBootTest(
        classes = IngestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"analytics.ingest.max-batch-events=5", "analytics.ingest.max-body-bytes=16KB"})
class IngestErrorsIT {

    private static final String PROBLEM_JSON = "application/problem+json";

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add(
                "analytics.kafka.bootstrap-servers",
                () -> SharedInfrastructure.kafka().bootstrapServers());
    }

    private IngestHttp http() {
        return new IngestHttp(port);
    }

    @Test
    void shouldAnswerMalformedJsonWith400NamingLineAndColumn() {
        HttpResponse<String> response =
                http().postBatch("[\n  {\"event_type\": \"call.started\",\n  \"entity_id\" 7}\n]");

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:dce:analytics:problem:malformed-json");
        assertThat(problem.get("line").asInt()).isEqualTo(3);
        assertThat(problem.get("column").asInt()).isEqualTo(15);
        assertThat(problem.get("detail").stringValue())
                .startsWith("The body is not well-formed JSON at line 3, column 15");
    }

    @Test
    void shouldAnswerWrongOrMissingContentTypeWith415() {
        HttpResponse<String> textPlain = http().postBatch("text/plain", "[]");
        HttpResponse<String> missing =
                http().send(http().request("/api/v1/events").POST(HttpRequest.BodyPublishers.ofString("{}")));
        HttpResponse<String> ndjsonForSingle = http().send(http().request("/api/v1/events")
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(assertProblem(textPlain, 415).get("detail").stringValue())
                .isEqualTo("Content-Type 'text/plain' is not supported; use application/json, application/x-ndjson.");
        assertThat(assertProblem(missing, 415).get("detail").stringValue())
                .startsWith("The request has no Content-Type");
        assertProblem(ndjsonForSingle, 415);
    }

    @Test
    void shouldAnswerUnknownEventTypeWith422AtItsPath() {
        String event =
                TestEvents.withField(TestEvents.callStarted(TestEvents.entity("bad")), "event_type", "\"call.beamed\"");

        JsonNode problem = assertProblem(http().postEvent(event), 422);

        assertThat(problem.get("type").stringValue()).isEqualTo("urn:dce:analytics:problem:invalid-event");
        assertThat(errors(problem)).containsExactly("$.event_type: unknown event type 'call.beamed'");
    }

    @Test
    void shouldAnswerMissingAndMistypedFieldsWith422ListingEachOne() {
        String event = """
                {"event_id":"not-a-uuid","event_type":"call.completed","event_time":"2026-01-01T00:00:00",
                 "entity_type":"call","properties":{"seller_id":"s-1","state":"CA","disposition":"completed",
                 "duration_seconds":-5,"buyer_id":"b-1"}}""";

        JsonNode problem = assertProblem(http().postEvent(event), 422);

        assertThat(errors(problem))
                .containsExactlyInAnyOrder(
                        "$.event_id: must be a UUID",
                        "$.event_time: must be an RFC 3339 timestamp with offset, e.g. 2026-11-25T10:15:30Z",
                        "$.entity_id: is required",
                        "$.properties.duration_seconds: must be between 0 and 86400 s");
    }

    @Test
    void shouldAnswerAbsurdTimestampWith422() {
        String event = TestEvents.withField(
                TestEvents.callCompleted(TestEvents.entity("future")), "event_time", "\"2999-01-01T00:00:00Z\"");

        JsonNode problem = assertProblem(http().postEvent(event), 422);

        assertThat(errors(problem)).containsExactly("$.event_time: is more than PT5M in the future");
    }

    @Test
    void shouldAnswerOversizedBodyWith413WhetherOrNotItsLengthIsDeclared() {
        String padding = "x".repeat(1_000);
        String body = TestEvents.jsonArray(Collections.nCopies(20, "\"" + padding + "\""));

        HttpResponse<String> declared = http().postBatch(body);
        HttpResponse<String> streamed = http().postBatchStreamed(body.getBytes(StandardCharsets.UTF_8));

        assertThat(assertProblem(declared, 413).get("max_bytes").asLong()).isEqualTo(16_384);
        assertThat(assertProblem(streamed, 413).get("type").stringValue())
                .isEqualTo("urn:dce:analytics:problem:body-too-large");
    }

    @Test
    void shouldAnswerTooManyEventsWith413() {
        String event = TestEvents.json(TestEvents.callCompleted(TestEvents.entity("many")));

        JsonNode problem = assertProblem(http().postBatch(TestEvents.jsonArray(Collections.nCopies(6, event))), 413);

        assertThat(problem.get("type").stringValue()).isEqualTo("urn:dce:analytics:problem:too-many-events");
        assertThat(problem.get("max_events").asInt()).isEqualTo(5);
    }

    @Test
    void shouldAnswerEmptyBatchesAndNonArraysWith400() {
        assertThat(assertProblem(http().postBatch("[]"), 400).get("type").stringValue())
                .isEqualTo("urn:dce:analytics:problem:empty-batch");
        assertProblem(http().postBatch("application/x-ndjson", "\n\n"), 400);
        assertProblem(http().postBatch(""), 400);
        assertThat(assertProblem(http().postBatch("{\"event_type\":\"call.started\"}"), 400)
                        .get("type")
                        .stringValue())
                .isEqualTo("urn:dce:analytics:problem:not-a-batch");
    }

    @Test
    void shouldAnswerMissingApiKeyWith401AndAChallenge() {
        HttpResponse<String> response = http().send(http().anonymousRequest("/api/v1/events")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        JsonNode problem = assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"analytics-ingest\"");
        assertThat(problem.get("detail").stringValue()).startsWith("An API key is required");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void shouldAnswerInvalidApiKeyWith401WhetherSentAsHeaderOrBearer() {
        HttpResponse<String> header = http().send(http().anonymousRequest("/api/v1/events/batch")
                .header("X-API-Key", "guessed-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[]")));
        HttpResponse<String> bearer = http().send(http().anonymousRequest("/api/v1/events/batch")
                .header("Authorization", "Bearer guessed-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[]")));

        assertThat(assertProblem(header, 401).get("detail").stringValue()).isEqualTo("The API key is not valid.");
        assertThat(header.headers().firstValue("WWW-Authenticate"))
                .hasValue("Bearer realm=\"analytics-ingest\", error=\"invalid_token\"");
        assertProblem(bearer, 401);
    }

    @Test
    void shouldAcceptApiKeyAsBearerToken() {
        String event = TestEvents.json(TestEvents.callCompleted(TestEvents.entity("bearer")));

        HttpResponse<String> response = http().send(http().anonymousRequest("/api/v1/events")
                .header("Authorization", "Bearer " + IngestHttp.API_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(event)));

        assertThat(response.statusCode()).isEqualTo(201);
    }

    @Test
    void shouldAnswerUnknownRouteWith404AndWrongMethodWith405() {
        HttpResponse<String> unknown =
                http().send(http().request("/api/v1/nothing-here").GET());
        HttpResponse<String> unknownOutsideApi = http().get("/nothing-here");
        HttpResponse<String> wrongMethod =
                http().send(http().request("/api/v1/events").GET());

        assertProblem(unknown, 404);
        assertProblem(unknownOutsideApi, 404);
        assertProblem(wrongMethod, 405);
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void shouldKeepActuatorProbesOpenWithoutApiKey() {
        assertThat(http().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(http().get("/actuator/health").statusCode()).isEqualTo(200);
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
        JsonNode problem = IngestHttp.body(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "trace");
        return problem;
    }

    private static List<String> errors(JsonNode problem) {
        return problem.get("errors")
                .valueStream()
                .map(e -> e.get("path").stringValue() + ": " + e.get("message").stringValue())
                .toList();
    }
}
