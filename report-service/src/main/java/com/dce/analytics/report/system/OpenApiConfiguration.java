package com.dce.analytics.report.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI reportServiceDocument() {
        return new OpenAPI()
                .info(new Info()
                        .title("Call Exchange Analytics: report service")
                        .version("v1")
                        .description("ReportGenerator over REST: daily, weekly (ISO), monthly and custom reports"
                                + " as CSV and PDF, generated synchronously or as jobs with progress; cron"
                                + " schedules with time zone and email recipients, and their run history."
                                + " Errors are RFC 9457 problem details."))
                .components(new Components()
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-API-Key")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
