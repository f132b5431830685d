package com.dce.analytics.alert.system;

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
    OpenAPI alertServiceDocument() {
        return new OpenAPI()
                .info(new Info()
                        .title("Call Exchange Analytics: alert service")
                        .version("v1")
                        .description("The AlertManager: alert rules (/api/v1/alert-rules), active alerts,"
                                + " acknowledgement and history (/api/v1/alerts), silences (/api/v1/silences)."
                                + " Reading needs any API key (rules and alerts over metrics the key's roles"
                                + " may read); changing rules, acknowledging and silencing need OPERATOR or ADMIN."
                                + " Errors are RFC 9457 problem details; invalid rules carry field, position and"
                                + " reason."))
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
