package com.dce.analytics.alert.api;

import com.dce.analytics.alert.rule.RuleConflictException;
import com.dce.analytics.alert.rule.RuleError;
import com.dce.analytics.alert.rule.RuleNotFoundException;
import com.dce.analytics.alert.rule.RuleValidationException;
import com.dce.analytics.alert.silence.SilenceNotFoundException;
import com.dce.analytics.alert.state.AlertConflictException;
import com.dce.analytics.alert.state.AlertNotFoundException;
import com.dce.analytics.web.ProblemHandling;
import com.dce.analytics.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error of alert-service as RFC 9457 problem details (see {@link ProblemHandling}). An invalid
 * rule carries the first error's {@code field}, {@code position} (0-based, within that field's
 * text) and {@code reason}, and every error in {@code errors}.
 */
@RestControllerAdvice
class ApiProblemHandling extends ProblemHandling {

    @ExceptionHandler(RuleValidationException.class)
    ResponseEntity<ProblemDetail> invalidRule(RuleValidationException e, HttpServletRequest request) {
        RuleError first = e.errors().getFirst();
        ProblemDetail problem =
                Problems.of(HttpStatus.BAD_REQUEST, "Invalid alert rule", first.describe(), request.getRequestURI());
        problem.setProperty("field", first.field());
        if (first.position() != null) {
            problem.setProperty("position", first.position());
        }
        problem.setProperty("reason", first.reason());
        problem.setProperty("errors", e.errors());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler({RuleNotFoundException.class, AlertNotFoundException.class, SilenceNotFoundException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Problems.of(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), request.getRequestURI()));
    }

    @ExceptionHandler(RuleConflictException.class)
    ResponseEntity<ProblemDetail> ruleConflict(RuleConflictException e, HttpServletRequest request) {
        HttpStatus status = e.precondition() ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT;
        return ResponseEntity.status(status)
                .body(Problems.of(status, status.getReasonPhrase(), e.getMessage(), request.getRequestURI()));
    }

    @ExceptionHandler(AlertConflictException.class)
    ResponseEntity<ProblemDetail> alertConflict(AlertConflictException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(Problems.of(HttpStatus.CONFLICT, "Conflict", e.getMessage(), request.getRequestURI()));
    }
}
