package com.dce.analytics.web;

import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.ApiPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires a valid API key ({@code X-API-Key: <key>} or {@code Authorization: Bearer <key>}) on
 * every request under the protected prefixes; answers 401 as RFC 9457 problem details otherwise.
 * WebSocket handshakes may pass the key as {@code ?api_key=} since browsers cannot set headers
 * there. The authenticated caller is available through {@link #principal(HttpServletRequest)}.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String PRINCIPAL = ApiKeyAuthenticationFilter.class.getName() + ".principal";

    private final ApiKeyStore keys;
    private final List<String> protectedPrefixes;

    public ApiKeyAuthenticationFilter(ApiKeyStore keys, List<String> protectedPrefixes) {
        this.keys = keys;
        this.protectedPrefixes = List.copyOf(protectedPrefixes);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return protectedPrefixes.stream().noneMatch(path::startsWith) || "OPTIONS".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String secret = presentedKey(request);
        Optional<ApiPrincipal> principal = secret == null ? Optional.empty() : keys.authenticate(secret);
        if (principal.isEmpty()) {
            response.setHeader("WWW-Authenticate", "ApiKey realm=\"call-exchange-analytics\"");
            Problems.write(
                    response,
                    HttpStatus.UNAUTHORIZED,
                    secret == null
                            ? "An API key is required: send it as X-API-Key or Authorization: Bearer."
                            : "The API key is not valid or has been revoked.",
                    request.getRequestURI());
            return;
        }
        request.setAttribute(PRINCIPAL, principal.get());
        chain.doFilter(request, response);
    }

    /** The key a request presents: X-API-Key, then Authorization: Bearer, then a WebSocket handshake's {@code ?api_key=}. */
    public static String presentedKey(HttpServletRequest request) {
        String header = request.getHeader("X-API-Key");
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String auth = request.getHeader("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return auth.substring(7).trim();
        }
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            return request.getParameter("api_key");
        }
        return null;
    }

    /** The filter on everything under {@code /api/}, early in the chain (after telemetry). */
    public static FilterRegistrationBean<ApiKeyAuthenticationFilter> onApi(ApiKeyStore keys) {
        FilterRegistrationBean<ApiKeyAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiKeyAuthenticationFilter(keys, List.of("/api/")));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    public static ApiPrincipal principal(HttpServletRequest request) {
        Object p = request.getAttribute(PRINCIPAL);
        if (p instanceof ApiPrincipal principal) {
            return principal;
        }
        throw new ApiException(HttpStatus.UNAUTHORIZED, "Not authenticated", "An API key is required.");
    }
}
