package com.dce.analytics.web.telemetry;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every API request of a service and reports it with its route template (not the raw path,
 * so {@code /api/v1/alerts/{id}} stays one series) and status. Registered ahead of authentication
 * so refused requests count too; a request that throws is reported as 500.
 */
public final class ApiTelemetryFilter extends OncePerRequestFilter {

    private final ServiceTelemetry telemetry;

    public ApiTelemetryFilter(ServiceTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            telemetry.apiRequest(endpoint(request), Duration.ofNanos(System.nanoTime() - start), status);
        }
    }

    static String endpoint(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String route = pattern != null ? pattern.toString() : "unmatched";
        return request.getMethod() + " " + route;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }
}
