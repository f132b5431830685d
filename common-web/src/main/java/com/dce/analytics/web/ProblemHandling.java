package com.dce.analytics.web;

import com.dce.analytics.store.query.QueryException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into RFC 9457 problem details: Spring MVC's own (malformed body, wrong
 * method, missing parameter…) through {@link ResponseEntityExceptionHandler}, the platform's
 * {@link ApiException} and query refusals with their status, and anything unexpected into a 500
 * that says nothing of the internals (the stack trace goes to the log only). Services extend it
 * with {@code @RestControllerAdvice}.
 */
public abstract class ProblemHandling extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        ProblemDetail problem = Problems.of(e.status(), e.title(), e.getMessage(), request.getRequestURI());
        e.extensions().forEach(problem::setProperty);
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler(QueryException.class)
    ResponseEntity<ProblemDetail> query(QueryException e, HttpServletRequest request) {
        HttpStatus status = switch (e.kind()) {
            case UNKNOWN_METRIC -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.BAD_REQUEST;
        };
        ProblemDetail problem = Problems.of(status, "Invalid query", e.getMessage(), request.getRequestURI());
        problem.setProperty("reason", e.kind().name().toLowerCase());
        return ResponseEntity.status(status).body(problem);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e, HttpServletRequest request) {
        return ResponseEntity.badRequest()
                .body(Problems.of(HttpStatus.BAD_REQUEST, "Bad request", e.getMessage(), request.getRequestURI()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.internalServerError()
                .body(Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "Internal error",
                        "The request could not be completed; it has been logged.",
                        request.getRequestURI()));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            String detail = problem.getDetail() == null ? ex.getMessage() : problem.getDetail();
            problem.setDetail(forCallers(detail, statusCode));
        }
        return response;
    }

    /**
     * A detail fit for the caller: Spring's and Jackson's messages may name Java types
     * ({@code java.util.ArrayList<java.lang.String>}) or parser settings; those are replaced by a
     * plain sentence for the status.
     */
    static String forCallers(String detail, HttpStatusCode status) {
        if (detail != null
                && !detail.isBlank()
                && !detail.contains("`")
                && !detail.matches(
                        "(?s).*\\b(java|javax|jakarta|tools\\.jackson|org\\.springframework|com\\.dce)\\.[a-zA-Z].*")) {
            return detail;
        }
        if (status.value() == 400) {
            return "The request is not valid: a parameter or the body has the wrong form or type.";
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "The request could not be completed." : known.getReasonPhrase() + ".";
    }
}
