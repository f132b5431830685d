package com.dce.analytics.ingest.system;

import com.dce.analytics.web.telemetry.ApiTelemetryFilter;
import com.dce.analytics.web.telemetry.ServiceTelemetry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/** Servlet filters that every request passes, before authentication. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    static final String SERVICE = "ingest-service";

    /** Runs right after the observation filter, so that even a 401 carries a request id. */
    private static final int REQUEST_ID_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(REQUEST_ID_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
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
