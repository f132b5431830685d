package com.dce.analytics.query.metrics;

import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.query.access.AccessPolicy;
import com.dce.analytics.web.ApiException;
import com.dce.analytics.web.ApiKeyAuthenticationFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GetAggregation, as a JSON body (POST) or as query parameters (GET, for Grafana and links). */
@RestController
@Tag(name = "aggregations", description = "One value per group over a range (GetAggregation)")
class AggregationController {

    private final QueryService queries;
    private final Aggregations aggregations;

    AggregationController(QueryService queries, Aggregations aggregations) {
        this.queries = queries;
        this.aggregations = aggregations;
    }

    @PostMapping("/api/v1/aggregations")
    @Operation(summary = "GetAggregation with a JSON body")
    Aggregations.Result post(@RequestBody Aggregations.Request body, HttpServletRequest request) {
        if (body == null || body.metric() == null) {
            throw ApiException.badRequest("'metric' is required");
        }
        MetricDefinition def = MetricsController.find(queries, body.metric());
        AccessPolicy.checkMetric(ApiKeyAuthenticationFilter.principal(request), def);
        return aggregations.aggregate(def, body, MetricRequests.filters(body.filters()));
    }

    @GetMapping("/api/v1/aggregations")
    @Operation(
            summary = "GetAggregation with query parameters",
            description = "function: total (default, the metric over the whole range), sum, avg, min, max, last,"
                    + " count (of the points at step); top=N with order=desc|asc")
    Object get(
            @RequestParam String metric,
            @RequestParam(required = false) String function,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String step,
            @RequestParam(name = "filter", required = false) List<String> filter,
            @RequestParam(name = "group_by", required = false) List<String> groupBy,
            @RequestParam(required = false) Integer top,
            @RequestParam(required = false) String order,
            @RequestParam(required = false) String tz,
            @Parameter(description = "result (default) or table") @RequestParam(required = false) String format,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
            HttpServletRequest request) {
        MetricDefinition def = MetricsController.find(queries, metric);
        AccessPolicy.checkMetric(ApiKeyAuthenticationFilter.principal(request), def);
        Aggregations.Request r = new Aggregations.Request(
                metric, function, from, to, step, null, groupBy == null ? null : List.copyOf(groupBy), top, order, tz);
        Aggregations.Result result = aggregations.aggregate(def, r, MetricRequests.filters(filter, params));
        if ("table".equals(format)) {
            return result.rows().stream()
                    .map(row -> {
                        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>(row.group());
                        m.put("value", row.value());
                        return m;
                    })
                    .toList();
        }
        return result;
    }
}
