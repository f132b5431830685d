package com.dce.analytics.ingest.security;

import com.dce.analytics.ingest.system.ProblemTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Lets a request under {@code /api/} through only with a configured API key, given as
 * {@code X-API-Key: <key>} or {@code Authorization: Bearer <key>}. Refusals are 401 problems with
 * a {@code WWW-Authenticate} challenge, rendered by the same handler as every other error.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String REALM = "Bearer realm=\"analytics-ingest\"";
    private static final String BEARER = "bearer ";

    private final ApiKeys keys;
    private final HandlerExceptionResolver errors;
    private final Counter missing;
    private final Counter invalid;

    ApiKeyFilter(ApiKeys keys, HandlerExceptionResolver errors, MeterRegistry meters) {
        this.keys = keys;
        this.errors = errors;
        this.missing = Counter.builder("ingest.auth.failures")
                .description("Requests refused for a missing or unknown API key")
                .tag("reason", "missing")
                .register(meters);
        this.invalid = Counter.builder("ingest.auth.failures")
                .description("Requests refused for a missing or unknown API key")
                .tag("reason", "invalid")
                .register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> presented = presentedKey(request);
        if (presented.isEmpty()) {
            missing.increment();
            refuse(
                    request,
                    response,
                    "An API key is required: send it as 'X-API-Key: <key>' or 'Authorization: Bearer <key>'.",
                    REALM);
            return;
        }
        Optional<String> client = keys.authenticate(presented.get());
        if (client.isEmpty()) {
            invalid.increment();
            refuse(request, response, "The API key is not valid.", REALM + ", error=\"invalid_token\"");
            return;
        }
        request.setAttribute(ApiKeys.CLIENT_ATTRIBUTE, client.get());
        chain.doFilter(request, response);
    }

    static Optional<String> presentedKey(HttpServletRequest request) {
        String header = request.getHeader(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(header.trim());
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            String token = authorization.substring(BEARER.length()).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        }
        return Optional.empty();
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String detail, String challenge) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setType(ProblemTypes.UNAUTHORIZED);
        ErrorResponseException refusal = new ErrorResponseException(HttpStatus.UNAUTHORIZED, problem, null);
        refusal.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        errors.resolveException(request, response, null, refusal);
    }
}
