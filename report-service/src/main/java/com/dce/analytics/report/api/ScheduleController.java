package com.dce.analytics.report.api;

import com.dce.analytics.report.schedule.ReportRun;
import com.dce.analytics.report.schedule.ReportSchedule;
import com.dce.analytics.report.schedule.ScheduleService;
import com.dce.analytics.report.system.ReportProperties;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/report-schedules}: schedule a report (cron, time zone, recipients), list, cancel,
 * and the run history (status, timing, delivery outcome) of one schedule or of all.
 */
@RestController
@RequestMapping("/api/v1/report-schedules")
@Tag(name = "report-schedules", description = "Schedule reports by email, cancel, run history")
class ScheduleController {

    private final ScheduleService schedules;
    private final ReportProperties properties;

    ScheduleController(ScheduleService schedules, ReportProperties properties) {
        this.schedules = schedules;
        this.properties = properties;
    }

    @PostMapping
    @Operation(
            summary = "Schedule a report",
            description = "The report's content is built for the creating key's roles.")
    ResponseEntity<ScheduleResource> create(@RequestBody ScheduleSpec spec, HttpServletRequest http) {
        ApiPrincipal principal = Access.principal(http);
        ReportSchedule draft = new ReportSchedule(
                null,
                spec.name(),
                Specs.kind(spec.type()),
                spec.cron(),
                Specs.zone(spec.zone(), properties.defaultZone()),
                spec.recipients() == null ? List.of() : spec.recipients(),
                Specs.formats(spec.formats()),
                spec.metrics(),
                spec.groupBy(),
                Specs.filters(spec.filters()),
                Access.audiences(principal),
                null,
                principal.name(),
                principal.keyId(),
                null,
                null);
        ReportSchedule created = schedules.create(draft);
        return ResponseEntity.created(URI.create("/api/v1/report-schedules/" + created.id()))
                .body(ScheduleResource.of(created, schedules.nextFireTime(created)));
    }

    @GetMapping
    @Operation(summary = "List schedules")
    List<ScheduleResource> list(
            @RequestParam(name = "include_cancelled", defaultValue = "false") boolean includeCancelled,
            HttpServletRequest http) {
        ApiPrincipal principal = Access.principal(http);
        return schedules.list(includeCancelled).stream()
                .filter(s -> Access.mayRead(principal, s.audiences()) || principal.isAdmin())
                .map(s -> ScheduleResource.of(s, schedules.nextFireTime(s)))
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One schedule")
    ScheduleResource get(@PathVariable UUID id, HttpServletRequest http) {
        ReportSchedule s = readable(id, http);
        return ScheduleResource.of(s, schedules.nextFireTime(s));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Cancel a schedule", description = "Only its creator's key or an ADMIN key may cancel it.")
    ScheduleResource cancel(@PathVariable UUID id, HttpServletRequest http) {
        ApiPrincipal principal = Access.principal(http);
        ReportSchedule s = readable(id, http);
        if (!principal.isAdmin()
                && (s.createdByKey() == null || !s.createdByKey().equals(principal.keyId()))) {
            throw ApiException.forbidden("only the key that created schedule " + id + " or an ADMIN key may cancel it");
        }
        schedules.cancel(id);
        ReportSchedule cancelled = schedules.find(id).orElseThrow();
        return ScheduleResource.of(cancelled, null);
    }

    @GetMapping("/{id}/runs")
    @Operation(summary = "Run history of one schedule, newest first")
    List<RunResource> runs(
            @PathVariable UUID id, @RequestParam(defaultValue = "50") int limit, HttpServletRequest http) {
        ReportSchedule s = readable(id, http);
        return schedules.runs(id, clamp(limit)).stream()
                .map(r -> RunResource.of(r, s.name()))
                .toList();
    }

    @GetMapping("/runs")
    @Operation(summary = "Run history of all schedules the caller may read, newest first")
    List<RunResource> allRuns(@RequestParam(defaultValue = "50") int limit, HttpServletRequest http) {
        ApiPrincipal principal = Access.principal(http);
        Map<UUID, ReportSchedule> byId = new HashMap<>();
        schedules.list(true).forEach(s -> byId.put(s.id(), s));
        return schedules.runs(null, clamp(limit) * 2).stream()
                .filter(r -> {
                    ReportSchedule s = byId.get(r.scheduleId());
                    return s != null && (principal.isAdmin() || Access.mayRead(principal, s.audiences()));
                })
                .limit(clamp(limit))
                .map((ReportRun r) -> RunResource.of(r, byId.get(r.scheduleId()).name()))
                .toList();
    }

    private ReportSchedule readable(UUID id, HttpServletRequest http) {
        ApiPrincipal principal = Access.principal(http);
        ReportSchedule s = schedules.find(id).orElseThrow(() -> ApiException.notFound("no report schedule " + id));
        if (!principal.isAdmin()) {
            Access.require(principal, s.audiences(), "schedule " + id);
        }
        return s;
    }

    private static int clamp(int limit) {
        return Math.min(Math.max(limit, 1), 500);
    }
}
