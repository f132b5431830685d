package com.dce.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerMapping;

class AuditInterceptorTest {

    @Test
    void shouldKeepPathAndQueryOfOrdinaryRequests() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/metrics/calls_per_minute");
        request.setQueryString("from=now-1h&step=1m");

        assertThat(AuditInterceptor.resource(request))
                .isEqualTo("/api/v1/metrics/calls_per_minute?from=now-1h&step=1m");
    }

    @Test
    void shouldNotWriteADownloadTokenIntoTheLog() {
        String token = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg";
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/reports/download/" + token);
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("token", token));

        String resource = AuditInterceptor.resource(request);

        assertThat(resource)
                .doesNotContain(token)
                .startsWith("/reports/download/Zm9v")
                .endsWith("[redacted]");
    }

    @Test
    void shouldNotWriteAnApiKeyFromTheQueryIntoTheLog() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/live");
        request.setQueryString("metric=x&api_key=cea_secretsecretsecretsecret&token=abcdefgh");

        String resource = AuditInterceptor.resource(request);

        assertThat(resource)
                .doesNotContain("secretsecret", "abcdefgh")
                .startsWith("/api/v1/live?metric=x&api_key=cea_")
                .contains("&token=ab…[redacted]");
    }
}
