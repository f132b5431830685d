package com.dce.analytics.query.access;

import com.dce.analytics.query.metrics.MetricRequests;
import com.dce.analytics.store.access.ApiKey;
import com.dce.analytics.store.access.ApiKeyStore;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.store.access.AuditEntry;
import com.dce.analytics.store.access.AuditLog;
import com.dce.analytics.store.access.IssuedKey;
import com.dce.analytics.store.access.Role;
import com.dce.analytics.web.ApiException;
import com.dce.analytics.web.ApiKeyAuthenticationFilter;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administration (ADMIN keys only): issue, list and revoke API keys; read the audit log. */
@RestController
@Tag(name = "admin", description = "API keys and the audit log (ADMIN only)")
class AdminController {

    private final ApiKeyStore keys;
    private final AuditLog audit;
    private final Clock clock;

    AdminController(ApiKeyStore keys, AuditLog audit, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    record NewKey(
            @JsonProperty("name") String name,
            @JsonProperty("roles") List<String> roles) {}

    record KeyView(
            @JsonProperty("id") UUID id,
            @JsonProperty("name") String name,
            @JsonProperty("prefix") String prefix,
            @JsonProperty("roles") List<String> roles,
            @JsonProperty("created_at") Instant createdAt,
            @JsonProperty("created_by") String createdBy,
            @JsonProperty("revoked_at") Instant revokedAt,
            @JsonProperty("last_used_at") Instant lastUsedAt) {

        static KeyView of(ApiKey k) {
            return new KeyView(
                    k.id(),
                    k.name(),
                    k.prefix(),
                    k.roles().stream().map(r -> r.name().toLowerCase()).sorted().toList(),
                    k.createdAt(),
                    k.createdBy(),
                    k.revokedAt(),
                    k.lastUsedAt());
        }
    }

    /** The only time the secret is shown. */
    record IssuedView(
            @JsonProperty("key") KeyView key,
            @JsonProperty("secret") String secret) {}

    record AuditView(
            @JsonProperty("at") Instant at,
            @JsonProperty("key_id") UUID keyId,
            @JsonProperty("key_name") String keyName,
            @JsonProperty("service") String service,
            @JsonProperty("action") String action,
            @JsonProperty("resource") String resource,
            @JsonProperty("outcome") String outcome,
            @JsonProperty("status") int status,
            @JsonProperty("duration_ms") int durationMs) {

        static AuditView of(AuditEntry e) {
            return new AuditView(
                    e.at(),
                    e.keyId(),
                    e.keyName(),
                    e.service(),
                    e.action(),
                    e.resource(),
                    e.outcome(),
                    e.status(),
                    e.durationMs());
        }
    }

    @PostMapping("/api/v1/admin/keys")
    @Operation(summary = "Issue an API key; the answer carries its secret, shown this once")
    ResponseEntity<IssuedView> issue(@RequestBody NewKey body, HttpServletRequest request) {
        ApiPrincipal admin = admin(request);
        if (body == null || body.name() == null || body.name().isBlank()) {
            throw ApiException.badRequest("'name' is required");
        }
        if (body.roles() == null || body.roles().isEmpty()) {
            throw ApiException.badRequest("'roles' needs at least one of " + List.of(Role.values()));
        }
        Set<Role> roles = ApiKeyStore.parseRoles(body.roles());
        IssuedKey issued = keys.issue(body.name().trim(), roles, admin.name());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new IssuedView(KeyView.of(issued.key()), issued.secret()));
    }

    @GetMapping("/api/v1/admin/keys")
    @Operation(summary = "All keys (never their secrets)")
    List<KeyView> list(HttpServletRequest request) {
        admin(request);
        return keys.list().stream().map(KeyView::of).toList();
    }

    @DeleteMapping("/api/v1/admin/keys/{id}")
    @Operation(summary = "Revoke a key (takes effect within seconds on every service)")
    ResponseEntity<Void> revoke(@PathVariable UUID id, HttpServletRequest request) {
        admin(request);
        if (!keys.revoke(id)) {
            throw ApiException.notFound("no active key " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/admin/audit")
    @Operation(summary = "The audit log, newest first; action is the HTTP method or SUBSCRIBE")
    List<AuditView> audit(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(name = "key_id", required = false) UUID keyId,
            @RequestParam(required = false) String action,
            @RequestParam(defaultValue = "100") int limit,
            HttpServletRequest request) {
        admin(request);
        MetricRequests.Range range = MetricRequests.range(from == null ? "now-24h" : from, to, null, clock.instant());
        return audit.search(range.from(), range.to(), keyId, action, limit).stream()
                .map(AuditView::of)
                .toList();
    }

    private static ApiPrincipal admin(HttpServletRequest request) {
        ApiPrincipal principal = ApiKeyAuthenticationFilter.principal(request);
        AccessPolicy.requireAdmin(principal);
        return principal;
    }
}
