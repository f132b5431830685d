package com.dce.analytics.web;

import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.store.access.AuditEntry;
import com.dce.analytics.store.access.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Writes an audit entry for every API request that reached a handler: who (key), what (method,
 * path and query), when, outcome (status) and how long it took.
 */
public final class AuditInterceptor implements HandlerInterceptor {

    private static final String STARTED = AuditInterceptor.class.getName() + ".started";

    private final AuditLog audit;
    private final String service;
    private final Clock clock;

    public AuditInterceptor(AuditLog audit, String service, Clock clock) {
        this.audit = audit;
        this.service = service;
        this.clock = clock;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        request.setAttribute(STARTED, System.nanoTime());
        return true;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        Object started = request.getAttribute(STARTED);
        int ms = started == null ? 0 : (int) ((System.nanoTime() - (Long) started) / 1_000_000);
        Object p = request.getAttribute(ApiKeyAuthenticationFilter.PRINCIPAL);
        ApiPrincipal principal = p instanceof ApiPrincipal a ? a : null;
        int status = response.getStatus();
        String resource =
                request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        audit.record(new AuditEntry(
                clock.instant(),
                principal == null ? null : principal.keyId(),
                principal == null ? null : principal.name(),
                service,
                request.getMethod(),
                resource,
                status < 400 ? "success" : status < 500 ? "refused" : "error",
                status,
                ms,
                Map.of()));
    }
}
