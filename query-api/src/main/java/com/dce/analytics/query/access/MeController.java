package com.dce.analytics.query.access;

import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.web.ApiKeyAuthenticationFilter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is: the console shows it and hides what the key cannot open. */
@RestController
@Tag(name = "admin")
class MeController {

    record Me(
            @JsonProperty("key_id") UUID keyId,
            @JsonProperty("name") String name,
            @JsonProperty("roles") List<String> roles,
            @JsonProperty("audiences") List<String> audiences,
            @JsonProperty("admin") boolean admin) {}

    @GetMapping("/api/v1/me")
    @Operation(summary = "The calling key: name, roles and the metric audiences it may read")
    Me me(HttpServletRequest request) {
        ApiPrincipal p = ApiKeyAuthenticationFilter.principal(request);
        return new Me(
                p.keyId(),
                p.name(),
                p.roles().stream().map(r -> r.name().toLowerCase()).sorted().toList(),
                Arrays.stream(com.dce.analytics.metrics.Audience.values())
                        .filter(p::mayRead)
                        .map(AccessPolicy::audience)
                        .toList(),
                p.isAdmin());
    }
}
