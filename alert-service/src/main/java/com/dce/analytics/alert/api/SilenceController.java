package com.dce.analytics.alert.api;

import com.dce.analytics.alert.rule.Durations;
import com.dce.analytics.alert.silence.Silence;
import com.dce.analytics.alert.silence.SilenceService;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
 * Silences over REST: label matchers ({@code alertname}, {@code severity}, rule labels, group
 * dimensions) with a start and an end; matching alerts keep their states but notify nobody.
 * Deleting a silence expires it (it stays listed with {@code ?expired=true}).
 */
@RestController
@RequestMapping("/api/v1/silences")
@Tag(name = "Silences")
class SilenceController {

    private final SilenceService silences;
    private final Access access;
    private final Clock clock;

    SilenceController(SilenceService silences, Access access, Clock clock) {
        this.silences = silences;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Silences that have not ended (all, newest first, with expired=true)")
    List<SilenceView> list(@RequestParam(defaultValue = "false") boolean expired, HttpServletRequest request) {
        access.caller(request);
        Instant now = clock.instant();
        return silences.list(expired).stream().map(s -> SilenceView.of(s, now)).toList();
    }

    @GetMapping("/{id}")
    SilenceView get(@PathVariable UUID id, HttpServletRequest request) {
        access.caller(request);
        return SilenceView.of(silences.get(id), clock.instant());
    }

    @PostMapping
    @Operation(summary = "Create a silence (ends_at, or duration such as 2h)")
    ResponseEntity<SilenceView> create(@RequestBody SilenceView.Request body, HttpServletRequest request) {
        ApiPrincipal caller = access.operator(request);
        Instant end = body.endsAt();
        if (end == null && body.duration() != null) {
            try {
                Instant start = body.startsAt() == null ? clock.instant() : body.startsAt();
                end = start.plus(Durations.parse(body.duration()));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("'duration': " + e.getMessage());
            }
        }
        Silence s = silences.create(body.matchers(), body.startsAt(), end, body.comment(), caller.name());
        return ResponseEntity.created(URI.create("/api/v1/silences/" + s.id()))
                .body(SilenceView.of(s, clock.instant()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Expire a silence now")
    SilenceView expire(@PathVariable UUID id, HttpServletRequest request) {
        ApiPrincipal caller = access.operator(request);
        return SilenceView.of(silences.expire(id, caller.name()), clock.instant());
    }
}
