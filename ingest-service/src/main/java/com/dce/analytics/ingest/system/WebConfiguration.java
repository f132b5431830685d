package com.dce.analytics.ingest.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Servlet filters that every request passes, before authentication. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    /** Runs right after the observation filter, so that even a 401 carries a request id. */
    private static final int REQUEST_ID_ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(REQUEST_ID_ORDER);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
