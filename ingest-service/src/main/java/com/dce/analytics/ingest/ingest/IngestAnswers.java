package com.dce.analytics.ingest.ingest;

import com.dce.analytics.events.validation.Violation;
import com.dce.analytics.ingest.ingest.ItemOutcome.Status;
import com.dce.analytics.ingest.system.ProblemTypes;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Turns ingest outcomes into HTTP answers. A batch is answered item by item: 200 when every event
 * was accepted, 207 when some were, and a problem when none was (422 if all were invalid, 503 with
 * {@code Retry-After} if Kafka failed). A single event: 201, 422, or 503.
 */
final class IngestAnswers {

    private IngestAnswers() {}

    /** Body of 200 and 207 batch answers; the same members extend 422/503 batch problems. */
    record BatchResponse(long accepted, long rejected, long failed, List<ItemResult> results) {}

    /** One event's outcome; {@code line} only for NDJSON, {@code retryable} only for failed events. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ItemResult(
            int index,
            Integer line,
            @JsonProperty("event_id") UUID eventId,
            String status,
            List<Violation> errors,
            Boolean retryable) {}

    /** Body of a 201 answer to a single event. */
    record EventAccepted(
            @JsonProperty("event_id") UUID eventId, String status, String topic, int partition, long offset) {}

    static ResponseEntity<Object> single(IngestOutcome outcome) {
        ItemOutcome item = outcome.items().getFirst();
        return switch (item.status()) {
            case ACCEPTED ->
                ResponseEntity.status(HttpStatus.CREATED)
                        .body(new EventAccepted(
                                item.eventId(), "accepted", item.topic(), item.partition(), item.offset()));
            case REJECTED -> {
                ProblemDetail problem = IngestProblems.problem(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        ProblemTypes.INVALID_EVENT,
                        "Invalid event",
                        "The event is invalid; 'errors' lists every problem with its JSON path.");
                problem.setProperty("errors", item.errors());
                yield ResponseEntity.unprocessableContent().body(problem);
            }
            case FAILED -> failedSingle(item, outcome);
        };
    }

    static ResponseEntity<Object> batch(IngestOutcome outcome) {
        BatchResponse body = new BatchResponse(
                outcome.count(Status.ACCEPTED),
                outcome.count(Status.REJECTED),
                outcome.count(Status.FAILED),
                outcome.items().stream().map(IngestAnswers::result).toList());
        HttpHeaders headers = new HttpHeaders();
        if (outcome.anyRetryableFailure()) {
            headers.set(HttpHeaders.RETRY_AFTER, retryAfterSeconds(outcome));
        }
        if (body.accepted() == outcome.items().size()) {
            return ResponseEntity.ok().body(body);
        }
        if (body.accepted() > 0) {
            return ResponseEntity.status(HttpStatus.MULTI_STATUS)
                    .headers(headers)
                    .body(body);
        }
        ProblemDetail problem;
        if (body.failed() == 0) {
            problem = IngestProblems.problem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemTypes.INVALID_BATCH,
                    "No valid event",
                    "None of the " + body.rejected() + " events is valid; 'results' lists the problems of each.");
        } else if (outcome.anyRetryableFailure()) {
            problem = IngestProblems.problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemTypes.KAFKA_UNAVAILABLE,
                    "Event store unavailable",
                    "No event was stored because Kafka did not acknowledge in time; retry the failed events "
                            + "after the Retry-After delay ('results' says which).");
        } else {
            problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.INTERNAL_SERVER_ERROR, "No event was stored; 'results' says why for each.");
        }
        problem.setProperty("accepted", body.accepted());
        problem.setProperty("rejected", body.rejected());
        problem.setProperty("failed", body.failed());
        problem.setProperty("results", body.results());
        return ResponseEntity.status(problem.getStatus()).headers(headers).body(problem);
    }

    private static ResponseEntity<Object> failedSingle(ItemOutcome item, IngestOutcome outcome) {
        String reason = item.errors().getFirst().message();
        if (!item.retryable()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.INTERNAL_SERVER_ERROR, "The event could not be stored: " + reason);
            problem.setProperty("event_id", item.eventId());
            return ResponseEntity.internalServerError().body(problem);
        }
        ProblemDetail problem = IngestProblems.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.KAFKA_UNAVAILABLE,
                "Event store unavailable",
                "The event was not stored: " + reason);
        problem.setProperty("event_id", item.eventId());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(outcome))
                .body(problem);
    }

    private static ItemResult result(ItemOutcome item) {
        return new ItemResult(
                item.index(),
                item.line(),
                item.eventId(),
                item.status().name().toLowerCase(Locale.ROOT),
                item.status() == Status.ACCEPTED ? null : item.errors(),
                item.status() == Status.FAILED ? item.retryable() : null);
    }

    private static String retryAfterSeconds(IngestOutcome outcome) {
        return Long.toString(Math.max(1, outcome.retryAfter().toSeconds()));
    }
}
