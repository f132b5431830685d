package com.dce.analytics.ingest.system;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every error into an RFC 9457 problem ({@code application/problem+json}): Spring MVC's own
 * exceptions (404, 405, 415, …) and {@link org.springframework.web.ErrorResponseException}s thrown
 * by the features through the base class; anything unexpected into a 500 that names the request
 * id but no internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(Exception.class)
    @Nullable
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            log.debug("Client went away: {}", ex.toString());
            return null;
        }
        String requestId = requestId(request);
        log.error("Unexpected error answering request {}", requestId, ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be processed because of an internal error; quote request id " + requestId
                        + " when reporting it.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<MediaType> supported = ex.getSupportedMediaTypes();
        String given = request.getHeader(HttpHeaders.CONTENT_TYPE);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                status,
                (given == null ? "The request has no Content-Type" : "Content-Type '" + given + "' is not supported")
                        + "; use " + MediaType.toString(supported) + ".");
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    private static String requestId(WebRequest request) {
        HttpServletRequest servletRequest = request instanceof NativeWebRequest nativeRequest
                ? nativeRequest.getNativeRequest(HttpServletRequest.class)
                : null;
        return servletRequest == null ? "unknown" : RequestIds.of(servletRequest);
    }
}
