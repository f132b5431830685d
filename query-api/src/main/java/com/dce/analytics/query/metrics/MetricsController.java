package com.dce.analytics.query.metrics;

import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.query.access.AccessPolicy;
import com.dce.analytics.query.metrics.MetricResponses.MetricInfo;
import com.dce.analytics.query.metrics.MetricResponses.TimeSeries;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.store.query.MetricQuery;
import com.dce.analytics.store.query.QueryException;
import com.dce.analytics.web.ApiKeyAuthenticationFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The metric catalog and GetMetric: one metric as time series. */
@RestController
@Tag(name = "metrics", description = "Metric catalog and time series (GetMetric)")
class MetricsController {

    private final QueryService queries;

    MetricsController(QueryService queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/metrics")
    @Operation(summary = "The metrics the caller's roles may read")
    List<MetricInfo> catalog(HttpServletRequest request) {
        ApiPrincipal principal = ApiKeyAuthenticationFilter.principal(request);
        return queries.catalog().all().stream()
                .filter(m -> AccessPolicy.mayRead(principal, m))
                .map(MetricInfo::of)
                .toList();
    }

    @GetMapping("/api/v1/metrics/{name}")
    @Operation(
            summary = "GetMetric: one metric as time series",
            description = "Filters as filter=state:CA,NY (repeatable) or dim.state=CA; group_by=a,b (empty for no"
                    + " grouping, absent for the metric's own); format=table flattens to rows.")
    Object metric(
            @PathVariable String name,
            @Parameter(description = "RFC 3339, epoch ms or relative (now-1h); default now-1h")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "RFC 3339, epoch ms or relative; default now") @RequestParam(required = false)
                    String to,
            @Parameter(description = "10s, 1m, 5m, 1h, 1d…; default the metric's window")
                    @RequestParam(required = false)
                    String step,
            @RequestParam(name = "filter", required = false) List<String> filter,
            @RequestParam(name = "group_by", required = false) List<String> groupBy,
            @RequestParam(required = false) String tz,
            @Parameter(description = "series (default) or table") @RequestParam(required = false) String format,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
            HttpServletRequest request) {
        MetricDefinition def = find(queries, name);
        AccessPolicy.checkMetric(ApiKeyAuthenticationFilter.principal(request), def);
        Instant now = queries.now();
        MetricRequests.Range range = MetricRequests.range(from, to, tz, now);
        MetricQuery q = MetricRequests.query(
                def,
                range,
                TimeExpressions.duration(step, "step"),
                MetricRequests.filters(filter, params),
                MetricRequests.groupBy(groupBy));
        TimeSeries series = TimeSeries.of(queries.query(q), range.from(), range.to());
        return "table".equals(format) ? series.rows() : series;
    }

    static MetricDefinition find(QueryService queries, String name) {
        return queries.catalog()
                .find(name)
                .orElseThrow(() -> new QueryException(
                        QueryException.Kind.UNKNOWN_METRIC,
                        "unknown metric '" + name + "'; GET /api/v1/metrics lists the metrics"));
    }
}
