package com.dce.analytics.alert.api;

import com.dce.analytics.alert.AlertManager;
import com.dce.analytics.alert.evaluation.EvaluationReport;
import com.dce.analytics.alert.notify.Notifications;
import com.dce.analytics.alert.notify.Outbox;
import com.dce.analytics.alert.notify.ReceiverStatus;
import com.dce.analytics.alert.rule.Route;
import com.dce.analytics.alert.rule.RuleService;
import com.dce.analytics.alert.rule.Severity;
import com.dce.analytics.alert.state.Alert;
import com.dce.analytics.alert.state.AlertEvent;
import com.dce.analytics.alert.state.AlertNotFoundException;
import com.dce.analytics.alert.state.AlertState;
import com.dce.analytics.alert.state.AlertStore;
import com.dce.analytics.alert.state.HistoryQuery;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.web.ApiException;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alerts over REST: the active ones ({@code GetActiveAlerts}), history by rule, severity, state and
 * time ({@code GetAlertHistory}), one alert with its timeline and notifications, acknowledgement
 * ({@code AcknowledgeAlert}), sending again ({@code SendAlert}), receiver health, and an
 * evaluation cycle on demand ({@code EvaluateAlerts}).
 */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts", description = "GetActiveAlerts, GetAlertHistory, AcknowledgeAlert, SendAlert, EvaluateAlerts")
class AlertController {

    private static final int MAX_HISTORY = 1_000;

    private final AlertManager manager;
    private final AlertStore alerts;
    private final Outbox outbox;
    private final Notifications notifications;
    private final RuleService rules;
    private final Access access;
    private final Clock clock;

    AlertController(
            AlertManager manager,
            AlertStore alerts,
            Outbox outbox,
            Notifications notifications,
            RuleService rules,
            Access access,
            Clock clock) {
        this.manager = manager;
        this.alerts = alerts;
        this.outbox = outbox;
        this.notifications = notifications;
        this.rules = rules;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Pending and firing alerts, newest first")
    List<AlertView> active(
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String state,
            HttpServletRequest request) {
        ApiPrincipal caller = access.caller(request);
        Severity sev = severity(severity);
        AlertState st = state(state);
        return manager.getActiveAlerts().stream()
                .filter(a -> rule == null || a.ruleName().equals(rule))
                .filter(a -> sev == null || a.severity() == sev)
                .filter(a -> st == null || a.state() == st)
                .filter(a -> access.mayRead(caller, a.condition()))
                .map(a -> AlertView.of(a, notifications.link(a), null, null))
                .toList();
    }

    @GetMapping("/history")
    @Operation(summary = "Alerts active at some time in [from, to), with their timelines")
    List<AlertView> history(
            @RequestParam(required = false) String rule,
            @RequestParam(required = false) String severity,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "true") boolean events,
            HttpServletRequest request) {
        ApiPrincipal caller = access.caller(request);
        // by default up to and including now
        Instant end = to == null ? clock.instant().plusMillis(1) : instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(1)) : instant("from", from);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest("'from' must be before 'to'");
        }
        if (limit < 1 || limit > MAX_HISTORY) {
            throw ApiException.badRequest("'limit' must be between 1 and " + MAX_HISTORY);
        }
        List<Alert> found =
                manager
                        .getAlertHistory(new HistoryQuery(rule, severity(severity), state(state), start, end, limit))
                        .stream()
                        .filter(a -> access.mayRead(caller, a.condition()))
                        .toList();
        Map<UUID, List<AlertEvent>> timelines =
                events ? alerts.events(found.stream().map(Alert::id).toList()) : Map.of();
        return found.stream()
                .map(a -> AlertView.of(
                        a, notifications.link(a), events ? timelines.getOrDefault(a.id(), List.of()) : null, null))
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One alert with its timeline and notifications")
    AlertView get(@PathVariable UUID id, HttpServletRequest request) {
        Alert alert = readable(id, request);
        return AlertView.of(
                alert,
                notifications.link(alert),
                alerts.events(List.of(id)).getOrDefault(id, List.of()),
                outbox.forAlert(id));
    }

    /** Optional body of an acknowledgement. */
    record AckRequest(@JsonProperty("comment") String comment) {}

    @PostMapping("/{id}/ack")
    @Operation(summary = "Acknowledge a firing alert: reminders stop, the PagerDuty incident is acknowledged")
    AlertView acknowledge(
            @PathVariable UUID id, @RequestBody(required = false) AckRequest body, HttpServletRequest request) {
        ApiPrincipal caller = access.operator(request);
        readable(id, request);
        Alert acked = manager.acknowledgeAlert(id, caller.name(), caller.keyId(), body == null ? null : body.comment());
        return AlertView.of(acked, notifications.link(acked), null, null);
    }

    @PostMapping("/{id}/notify")
    @Operation(summary = "Send a firing alert's notifications again")
    AlertView resend(@PathVariable UUID id, HttpServletRequest request) {
        ApiPrincipal caller = access.operator(request);
        readable(id, request);
        Alert alert = manager.sendAlert(id, caller.name());
        return AlertView.of(alert, notifications.link(alert), null, null);
    }

    @PostMapping("/evaluate")
    @Operation(summary = "Run an evaluation cycle now (skipped if another instance holds the lease)")
    EvaluationReport evaluate(HttpServletRequest request) {
        access.operator(request);
        return manager.evaluateAlerts();
    }

    @GetMapping("/receivers")
    @Operation(summary = "Every receiver the rules use, with its delivery health")
    List<ReceiverStatus> receivers(HttpServletRequest request) {
        access.caller(request);
        Map<String, ReceiverStatus> byReceiver = new LinkedHashMap<>();
        rules.list().stream()
                .flatMap(r -> r.rule().routes().stream())
                .map(Route::receiver)
                .distinct()
                .sorted()
                .forEach(r -> byReceiver.put(r, new ReceiverStatus(r, null, null, 0, null, 0, 0)));
        for (ReceiverStatus s : outbox.receivers(clock.instant().minus(Duration.ofDays(1)))) {
            byReceiver.put(s.receiver(), s);
        }
        return new ArrayList<>(byReceiver.values());
    }

    private Alert readable(UUID id, HttpServletRequest request) {
        Alert alert = alerts.find(id).orElseThrow(() -> new AlertNotFoundException(id));
        if (!access.mayRead(access.caller(request), alert.condition())) {
            // not found rather than forbidden: the caller may not know it exists
            throw new AlertNotFoundException(id);
        }
        return alert;
    }

    private static Severity severity(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Severity.parse(text)
                .orElseThrow(() ->
                        ApiException.badRequest("unknown severity '" + text + "'; use critical, warning or info"));
    }

    private static AlertState state(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return AlertState.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown state '" + text + "'; use pending, firing, resolved or inactive");
        }
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("'" + name + "' must be an RFC 3339 time such as 2026-01-31T12:00:00Z");
        }
    }
}
