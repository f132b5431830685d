package com.dce.analytics.ingest.security;

import com.dce.analytics.ingest.system.IngestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * API-key authentication of {@code /api/*}; actuator endpoints stay open for probes and scraping.
 * Authentication cannot be switched off by omission: without keys the service does not start,
 * and {@code analytics.ingest.require-api-key=false} is logged as a warning at every start.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    @Bean
    ApiKeys apiKeys(IngestProperties properties) {
        ApiKeys keys = new ApiKeys(properties.apiKeys());
        if (properties.requireApiKey() && keys.isEmpty()) {
            throw new IllegalStateException("No API key is configured: set analytics.ingest.api-keys[0].name and "
                    + "analytics.ingest.api-keys[0].sha256 (the hex SHA-256 of the key, see ApiKeys.sha256Hex), "
                    + "or set analytics.ingest.require-api-key=false to run without authentication on purpose");
        }
        return keys;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> apiKeyFilter(
            IngestProperties properties,
            ApiKeys keys,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors,
            MeterRegistry meters) {
        OncePerRequestFilter filter;
        if (properties.requireApiKey()) {
            filter = new ApiKeyFilter(keys, errors, meters);
        } else {
            log.warn("API KEY AUTHENTICATION IS DISABLED (analytics.ingest.require-api-key=false): "
                    + "anyone who reaches this service can publish events");
            filter = new AnonymousFilter();
        }
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(ORDER);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Marks requests as anonymous when authentication was switched off explicitly. */
    private static final class AnonymousFilter extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            request.setAttribute(ApiKeys.CLIENT_ATTRIBUTE, "anonymous");
            chain.doFilter(request, response);
        }
    }
}
