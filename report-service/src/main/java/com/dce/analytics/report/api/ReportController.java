package com.dce.analytics.report.api;

import com.dce.analytics.report.archive.ReportArchive;
import com.dce.analytics.report.archive.ReportRecord;
import com.dce.analytics.report.content.ReportBuilder;
import com.dce.analytics.report.content.ReportPeriod;
import com.dce.analytics.report.content.ReportRequest;
import com.dce.analytics.report.jobs.ReportJobs;
import com.dce.analytics.report.system.ReportProperties;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/reports}: generate (small reports synchronously, 201; long ones as jobs, 202 with
 * the status URL to poll for percent done), list, read status, download CSV and PDF.
 */
@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "reports", description = "Generate, list and download reports")
class ReportController {

    private final ReportJobs jobs;
    private final ReportBuilder builder;
    private final ReportArchive archive;
    private final ReportProperties properties;
    private final Clock clock;

    ReportController(
            ReportJobs jobs, ReportBuilder builder, ReportArchive archive, ReportProperties properties, Clock clock) {
        this.jobs = jobs;
        this.builder = builder;
        this.archive = archive;
        this.properties = properties;
        this.clock = clock;
    }

    @PostMapping
    @Operation(
            summary = "Generate a report",
            description = "201 with the finished report when it is small (or mode=sync); 202 with a Location to"
                    + " poll (status, percent) when it is long (or mode=async).")
    ResponseEntity<ReportResource> generate(@RequestBody ReportSpec spec, HttpServletRequest http) throws Exception {
        ApiPrincipal principal = Access.principal(http);
        ZoneId zone = Specs.zone(spec.zone(), properties.defaultZone());
        ReportPeriod period = Specs.period(spec, zone, LocalDate.now(clock.withZone(zone)));
        ReportRequest request = new ReportRequest(
                period, spec.metrics(), spec.groupBy(), Specs.filters(spec.filters()), Access.audiences(principal));
        builder.validate(request);
        Access.require(principal, builder.requiredAudiences(request), "the report");
        String mode = spec.mode() == null ? "auto" : spec.mode().trim().toLowerCase(Locale.ROOT);
        boolean sync = switch (mode) {
            case "sync" -> true;
            case "async" -> false;
            case "auto" ->
                period.length()
                                .compareTo(Duration.ofDays(properties.syncMaxDays())
                                        .plusHours(1))
                        <= 0;
            default -> throw new IllegalArgumentException("mode must be auto, sync or async, not '" + mode + "'");
        };
        ReportJobs.Job job =
                jobs.submit(request, spec, new ReportArchive.Requester(principal.name(), principal.keyId()), null);
        URI location = URI.create(ReportResource.BASE + job.id());
        if (sync) {
            try {
                job.done().get(properties.syncTimeout().toMillis(), TimeUnit.MILLISECONDS);
                return ResponseEntity.created(location).body(resource(job.id()));
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            } catch (TimeoutException e) {
                // still running: answer as for an async job
            }
        }
        return ResponseEntity.accepted().location(location).body(resource(job.id()));
    }

    @GetMapping
    @Operation(summary = "List recent reports the caller may read")
    List<ReportResource> list(
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(name = "schedule_id", required = false) UUID scheduleId,
            HttpServletRequest http) {
        ApiPrincipal principal = Access.principal(http);
        return archive.list(Math.min(Math.max(limit, 1), 500), scheduleId).stream()
                .filter(r -> Access.mayRead(principal, r.audiences()))
                .map(ReportResource::of)
                .toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A report's status, percent done and download links")
    ReportResource get(@PathVariable UUID id, HttpServletRequest http) {
        return ReportResource.of(readable(id, http));
    }

    @GetMapping("/{id}/csv")
    @Operation(summary = "Download the CSV export (RFC 4180, UTF-8)")
    ResponseEntity<byte[]> csv(@PathVariable UUID id, HttpServletRequest http) {
        return download(readable(id, http), "csv");
    }

    @GetMapping("/{id}/pdf")
    @Operation(summary = "Download the PDF export")
    ResponseEntity<byte[]> pdf(@PathVariable UUID id, HttpServletRequest http) {
        return download(readable(id, http), "pdf");
    }

    @GetMapping(value = "/{id}/content", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The report's content (sections, tables, charts) as JSON")
    ResponseEntity<String> content(@PathVariable UUID id, HttpServletRequest http) {
        ReportRecord r = readable(id, http);
        String json = archive.content(r.id()).orElseThrow(() -> notReady(r));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(json);
    }

    private ReportResource resource(UUID id) {
        return ReportResource.of(archive.find(id).orElseThrow());
    }

    private ReportRecord readable(UUID id, HttpServletRequest http) {
        ReportRecord r = archive.find(id).orElseThrow(() -> ApiException.notFound("no report " + id));
        ApiPrincipal principal = Access.principal(http);
        Access.require(principal, r.audiences(), "report " + id);
        return r;
    }

    private ResponseEntity<byte[]> download(ReportRecord r, String format) {
        byte[] bytes = archive.export(r.id(), format).orElseThrow(() -> notReady(r));
        return file(r.title(), format, bytes);
    }

    static ResponseEntity<byte[]> file(String title, String format, byte[] bytes) {
        String name = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "." + format;
        return ResponseEntity.ok()
                .contentType(
                        format.equals("csv")
                                ? new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)
                                : MediaType.APPLICATION_PDF)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(name).build().toString())
                .body(bytes);
    }

    private static ApiException notReady(ReportRecord r) {
        if (r.status() == ReportRecord.Status.FAILED) {
            return new ApiException(HttpStatus.CONFLICT, "Report failed", "report " + r.id() + " failed: " + r.error());
        }
        return new ApiException(
                HttpStatus.CONFLICT,
                "Report not ready",
                "report " + r.id() + " is " + r.status().name().toLowerCase(Locale.ROOT) + " (" + r.percent()
                        + " % done); poll " + ReportResource.BASE + r.id());
    }
}
