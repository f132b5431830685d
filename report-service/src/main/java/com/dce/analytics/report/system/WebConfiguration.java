package com.dce.analytics.report.system;

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
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.StreamWriteFeature;

/**
 * HTTP wiring: an API key on everything under {@code /api/}, an audit entry for every API call and
 * every download through an emailed link ({@code /reports/download/}, where the link's token is
 * the credential).
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final String SERVICE = "report-service";

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

    /** Decimals as plain numbers (1500, not 1.5E+3). */
    @Bean
    JsonMapperBuilderCustomizer plainDecimals() {
        return builder -> builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AuditInterceptor(auditLog, SERVICE, clock))
                .addPathPatterns("/api/**", "/reports/download/**");
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
