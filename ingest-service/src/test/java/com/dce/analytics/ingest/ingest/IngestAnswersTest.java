package com.dce.analytics.ingest.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.dce.analytics.events.validation.Violation;
import com.dce.analytics.ingest.ingest.IngestAnswers.BatchResponse;
import com.dce.analytics.ingest.ingest.IngestAnswers.EventAccepted;
import com.dce.analytics.ingest.ingest.IngestAnswers.ItemResult;
import com.dce.analytics.ingest.system.ProblemTypes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

class IngestAnswersTest {

    private static final UUID ID_0 = UUID.fromString("00000000-0000-4000-8000-000000000000");
    private static final UUID ID_2 = UUID.fromString("00000000-0000-4000-8000-000000000002");

    private static RawItem item(int index) {
        return RawItem.parsed(index, null, "$[" + index + "]", null, "{}");
    }

    private static ItemOutcome accepted(int index, UUID id) {
        return ItemOutcome.accepted(item(index), id, "call", "call.events", 1, 41L + index);
    }

    private static ItemOutcome rejected(int index) {
        return ItemOutcome.rejected(
                item(index), "unknown", List.of(new Violation("$[" + index + "].event_type", "is required")));
    }

    private static ItemOutcome failed(int index, UUID id) {
        return ItemOutcome.failed(item(index), id, "call", "Kafka did not acknowledge within PT5S; retry later", true);
    }

    private static IngestOutcome outcome(ItemOutcome... items) {
        return new IngestOutcome(List.of(items), Duration.ofSeconds(3));
    }

    @Test
    void shouldAnswer200WhenEveryEventOfBatchWasAccepted() {
        ResponseEntity<Object> answer = IngestAnswers.batch(outcome(accepted(0, ID_0), accepted(1, ID_2)));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getBody())
                .isEqualTo(new BatchResponse(
                        2,
                        0,
                        0,
                        List.of(
                                new ItemResult(0, null, ID_0, "accepted", null, null),
                                new ItemResult(1, null, ID_2, "accepted", null, null))));
    }

    @Test
    void shouldAnswer207ItemByItemWhenSomeEventsWereRefusedOrFailed() {
        // when
        ResponseEntity<Object> answer = IngestAnswers.batch(outcome(accepted(0, ID_0), rejected(1), failed(2, ID_2)));

        // then
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.MULTI_STATUS);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
        assertThat(answer.getBody())
                .isEqualTo(new BatchResponse(
                        1,
                        1,
                        1,
                        List.of(
                                new ItemResult(0, null, ID_0, "accepted", null, null),
                                new ItemResult(
                                        1,
                                        null,
                                        null,
                                        "rejected",
                                        List.of(new Violation("$[1].event_type", "is required")),
                                        null),
                                new ItemResult(
                                        2,
                                        null,
                                        ID_2,
                                        "failed",
                                        List.of(new Violation(
                                                "$[2]", "Kafka did not acknowledge within PT5S; retry later")),
                                        true))));
    }

    @Test
    void shouldAnswer422ProblemWithResultsWhenNoEventOfBatchIsValid() {
        ResponseEntity<Object> answer = IngestAnswers.batch(outcome(rejected(0), rejected(1)));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getType()).isEqualTo(ProblemTypes.INVALID_BATCH);
        assertThat(problem.getProperties())
                .containsEntry("accepted", 0L)
                .containsEntry("rejected", 2L)
                .containsEntry("failed", 0L);
        assertThat((List<?>) problem.getProperties().get("results")).hasSize(2);
        assertThat(answer.getHeaders().containsHeader(HttpHeaders.RETRY_AFTER)).isFalse();
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenKafkaStoredNothing() {
        ResponseEntity<Object> answer = IngestAnswers.batch(outcome(rejected(0), failed(1, ID_2)));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
        assertThat(((ProblemDetail) answer.getBody()).getType()).isEqualTo(ProblemTypes.KAFKA_UNAVAILABLE);
    }

    @Test
    void shouldAnswerSingleEvent201With422AndWith503() {
        ResponseEntity<Object> created = IngestAnswers.single(outcome(accepted(0, ID_0)));
        ResponseEntity<Object> invalid = IngestAnswers.single(outcome(rejected(0)));
        ResponseEntity<Object> unavailable = IngestAnswers.single(outcome(failed(0, ID_0)));

        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody()).isEqualTo(new EventAccepted(ID_0, "accepted", "call.events", 1, 41L));
        assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(((ProblemDetail) invalid.getBody()).getProperties())
                .containsEntry("errors", List.of(new Violation("$[0].event_type", "is required")));
        assertThat(unavailable.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(unavailable.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
    }
}
