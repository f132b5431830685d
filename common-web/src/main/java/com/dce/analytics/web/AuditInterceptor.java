package com.dce.analytics.web;

import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.store.access.AuditEntry;
import com.dce.analytics.store.access.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes an audit entry for every API request that reached a handler: who (key), what (method,
 * path and query), when, outcome (status) and how long it took.
 */
public final class AuditInterceptor implements HandlerInterceptor {

    private static final String STARTED = AuditInterceptor.class.getName() + ".started";
    /** Path variables and query parameters that carry credentials. */
    private static final List<String> SECRET_NAMES = List.of("token", "api_key", "apiKey");

    private static final Pattern SECRET_PARAMETER = Pattern.compile("((?:^|&)(?:token|api_key|apiKey)=)([^&]*)");

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
        String resource = resource(request);
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

    /**
     * What was asked for, as the audit log keeps it: path and query, with credentials that travel
     * in URLs (a download link's {@code {token}}, a WebSocket handshake's {@code api_key}) cut to
     * a recognisable prefix, so that whoever reads the log cannot reuse them.
     */
    static String resource(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            for (String name : SECRET_NAMES) {
                if (variables.get(name) instanceof String secret && !secret.isEmpty()) {
                    path = path.replace(secret, redact(secret));
                }
            }
        }
        String query = request.getQueryString();
        if (query == null) {
            return path;
        }
        Matcher m = SECRET_PARAMETER.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + redact(m.group(2))));
        }
        m.appendTail(out);
        return path + "?" + out;
    }

    private static String redact(String secret) {
        return secret.substring(0, Math.min(4, secret.length() / 4)) + "…[redacted]";
    }
}
