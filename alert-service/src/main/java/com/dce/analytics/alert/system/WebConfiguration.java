package com.dce.analytics.alert.system;

import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.AuditLog;
import com.dce.analytics.web.ApiKeyAuthenticationFilter;
import com.dce.analytics.web.AuditInterceptor;
import com.dce.analytics.web.telemetry.ApiTelemetryFilter;
import com.dce.analytics.web.telemetry.ServiceTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * HTTP wiring: an API key on everything under {@code /api/} (the OpenAPI document and actuator
 * need none) and an audit entry for every API call.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final String SERVICE = "alert-service";

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

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuditInterceptor(auditLog, SERVICE, clock)).addPathPatterns("/api/**");
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
