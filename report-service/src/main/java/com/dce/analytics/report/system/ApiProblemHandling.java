package com.dce.analytics.report.system;

import com.dce.analytics.web.ProblemHandling;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Every error of report-service as RFC 9457 problem details (see {@link ProblemHandling}); an
 * unreadable body says what the parser found wrong rather than "Failed to read request".
 */
@RestControllerAdvice
class ApiProblemHandling extends ProblemHandling {

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String cause = ex.getMostSpecificCause().getMessage();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON for this operation: "
                        + (cause == null
                                ? "unreadable"
                                : cause.lines().findFirst().orElse(cause)));
        problem.setTitle("Bad request");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }
}
