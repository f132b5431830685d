package com.dce.analytics.alert.api;

import com.dce.analytics.alert.AlertManager;
import com.dce.analytics.alert.rule.AlertRule;
import com.dce.analytics.alert.rule.CompiledRule;
import com.dce.analytics.alert.rule.RuleDocument;
import com.dce.analytics.alert.rule.RuleError;
import com.dce.analytics.alert.rule.RuleService;
import com.dce.analytics.alert.rule.RuleValidationException;
import com.dce.analytics.alert.rule.StoredRule;
import com.dce.analytics.store.access.ApiPrincipal;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The spec's rule configuration over REST: list, read, create, replace (optionally only if the
 * version read is still current: {@code If-Match}), delete, and validate without saving (the
 * console's editor checks as the author types). An invalid rule is a 400 problem carrying
 * {@code field}, {@code position} and {@code reason} of the first error and all of them in
 * {@code errors}.
 */
@RestController
@RequestMapping("/api/v1/alert-rules")
@Tag(name = "Alert rules", description = "CreateAlertRule, UpdateAlertRule, DeleteAlertRule")
class RuleController {

    private final AlertManager manager;
    private final RuleService rules;
    private final Access access;

    RuleController(AlertManager manager, RuleService rules, Access access) {
        this.manager = manager;
        this.rules = rules;
        this.access = access;
    }

    @GetMapping
    @Operation(summary = "All rules the caller may read")
    List<RuleView> list(HttpServletRequest request) {
        ApiPrincipal caller = access.caller(request);
        return rules.list().stream()
                .filter(r -> access.mayRead(caller, r.rule().condition()))
                .map(RuleView::of)
                .toList();
    }

    @GetMapping("/{name}")
    @Operation(summary = "One rule")
    ResponseEntity<RuleView> get(@PathVariable String name, HttpServletRequest request) {
        StoredRule rule = rules.get(name);
        access.requireRead(access.caller(request), rule.rule().condition(), "rule '" + name + "'");
        return withVersion(ResponseEntity.ok(), rule);
    }

    @PostMapping
    @Operation(
            summary = "Create a rule",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = RuleView.class))))
    ResponseEntity<RuleView> create(@RequestBody JsonNode body, HttpServletRequest request) {
        ApiPrincipal caller = access.operator(request);
        AlertRule rule = RuleDocument.read(body);
        access.requireRead(caller, rule.condition(), "the rule");
        StoredRule stored = manager.createAlertRule(rule, caller.name());
        return withVersion(ResponseEntity.created(URI.create("/api/v1/alert-rules/" + stored.name())), stored);
    }

    @PutMapping("/{name}")
    @Operation(
            summary = "Replace a rule (If-Match: the version read, to refuse lost updates)",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = RuleView.class))))
    ResponseEntity<RuleView> update(
            @PathVariable String name,
            @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            HttpServletRequest request) {
        ApiPrincipal caller = access.operator(request);
        AlertRule rule = RuleDocument.read(body);
        access.requireRead(caller, rules.get(name).rule().condition(), "rule '" + name + "'");
        access.requireRead(caller, rule.condition(), "the rule");
        StoredRule stored = manager.updateAlertRule(name, rule, caller.name(), version(ifMatch));
        return withVersion(ResponseEntity.ok(), stored);
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a rule; its active alerts resolve at the next evaluation")
    ResponseEntity<Void> delete(@PathVariable String name, HttpServletRequest request) {
        ApiPrincipal caller = access.operator(request);
        access.requireRead(caller, rules.get(name).rule().condition(), "rule '" + name + "'");
        manager.deleteAlertRule(name, caller.name());
        return ResponseEntity.noContent().build();
    }

    /** What a valid rule reads. */
    record Validation(
            @JsonProperty("valid") boolean valid,
            @JsonProperty("metrics") List<String> metrics,
            @JsonProperty("parameters") List<String> parameters,
            @JsonProperty("receivers") List<String> receivers) {}

    @PostMapping("/validate")
    @Operation(
            summary = "Check a rule without saving it",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = RuleView.class))))
    Validation validate(@RequestBody JsonNode body, HttpServletRequest request) {
        access.caller(request);
        CompiledRule compiled = rules.validate(RuleDocument.read(body));
        return new Validation(
                true,
                compiled.condition().metrics(),
                List.copyOf(compiled.condition().parameters()),
                RuleView.receivers(compiled.rule()));
    }

    private static ResponseEntity<RuleView> withVersion(ResponseEntity.BodyBuilder response, StoredRule rule) {
        return response.eTag("\"" + rule.version() + "\"").body(RuleView.of(rule));
    }

    private static Integer version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new RuleValidationException(
                    List.of(new RuleError("If-Match", null, "If-Match must be the rule's version, e.g. \"3\"")));
        }
    }
}
