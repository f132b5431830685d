package com.dce.analytics.query.system;

import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.AuditLog;
import com.dce.analytics.web.ApiKeyAuthenticationFilter;
import com.dce.analytics.web.AuditInterceptor;
import com.dce.analytics.web.telemetry.ApiTelemetryFilter;
import com.dce.analytics.web.telemetry.ServiceTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamWriteFeature;

/**
 * HTTP wiring: an API key on everything under {@code /api/} (static console files, webjars, the
 * OpenAPI document and actuator need none), an audit entry for every API call, and the console's
 * entry points.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final String SERVICE = "query-api";

    private final AuditLog auditLog;
    private final Clock clock;

    WebConfiguration(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    @Bean
    FilterRegistrationBean<ApiKeyAuthenticationFilter> apiKeyFilter(ApiKeyStore keys) {
        return ApiKeyAuthenticationFilter.onApi(keys);
    }

    /** Decimals as plain numbers (1500, not 1.5E+3) for every JSON answer and WebSocket message. */
    @Bean
    JsonMapperBuilderCustomizer plainDecimals() {
        return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuditInterceptor(auditLog, SERVICE, clock)).addPathPatterns("/api/**");
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/", "/console/index.html");
        registry.addRedirectViewController("/console", "/console/index.html");
        registry.addRedirectViewController("/console/", "/console/index.html");
    }

    /** The service measuring itself: its API requests, CPU, memory and heartbeat as system events. */
    @Bean(destroyMethod = "close")
    ServiceTelemetry serviceTelemetry(Environment env, MeterRegistry registry) {
        return ServiceTelemetry.start(SERVICE, env, registry);
    }

    @Bean
    FilterRegistrationBean<ApiTelemetryFilter> apiTelemetryFilter(ServiceTelemetry telemetry) {
        return telemetry.apiFilter();
    }
}
