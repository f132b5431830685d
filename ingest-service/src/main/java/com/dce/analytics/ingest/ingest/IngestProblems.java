package com.dce.analytics.ingest.ingest;

import com.dce.analytics.ingest.system.ProblemTypes;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;

/** The caller's mistakes that end a request before any event is looked at, as RFC 9457 problems. */
final class IngestProblems {

    private IngestProblems() {}

    static ErrorResponseException malformedJson(int line, int column, String reason) {
        ProblemDetail problem = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.MALFORMED_JSON,
                "Malformed JSON",
                "The body is not well-formed JSON at line " + line + ", column " + column + ": " + reason);
        problem.setProperty("line", line);
        problem.setProperty("column", column);
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    static ErrorResponseException emptyBody() {
        return new ErrorResponseException(
                HttpStatus.BAD_REQUEST,
                problem(
                        HttpStatus.BAD_REQUEST,
                        ProblemTypes.EMPTY_BATCH,
                        "Empty request",
                        "The request body holds no event."),
                null);
    }

    static ErrorResponseException notABatch() {
        return new ErrorResponseException(
                HttpStatus.BAD_REQUEST,
                problem(
                        HttpStatus.BAD_REQUEST,
                        ProblemTypes.NOT_A_BATCH,
                        "Not a batch",
                        "A JSON batch must be an array of events; send one event to /api/v1/events, or NDJSON "
                                + "(one event per line) as application/x-ndjson."),
                null);
    }

    static ErrorResponseException bodyTooLarge(long maxBytes) {
        ProblemDetail problem = problem(
                HttpStatus.CONTENT_TOO_LARGE,
                ProblemTypes.BODY_TOO_LARGE,
                "Request body too large",
                "The request body exceeds " + DataSize.ofBytes(maxBytes).toMegabytes() + " MiB (" + maxBytes
                        + " bytes); split it into smaller batches.");
        problem.setProperty("max_bytes", maxBytes);
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
    }

    static ErrorResponseException tooManyEvents(int maxEvents) {
        ProblemDetail problem = problem(
                HttpStatus.CONTENT_TOO_LARGE,
                ProblemTypes.TOO_MANY_EVENTS,
                "Too many events",
                "A batch may hold at most " + maxEvents + " events; split it into smaller batches.");
        problem.setProperty("max_events", maxEvents);
        return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
    }

    static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }
}
