package com.dce.analytics.query.dashboards;

import com.dce.analytics.query.metrics.TimeExpressions;
import com.dce.analytics.web.ApiKeyAuthenticationFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** GetDashboardData for the operations, financial, quality and executive dashboards. */
@RestController
@Tag(name = "dashboards", description = "Everything a dashboard shows in one response (GetDashboardData)")
class DashboardController {

    private final DashboardService dashboards;

    DashboardController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    @GetMapping("/api/v1/dashboards")
    @Operation(summary = "The dashboards, their widgets and refresh rates, and whether the caller may open each")
    List<DashboardService.Summary> list(HttpServletRequest request) {
        return dashboards.list(ApiKeyAuthenticationFilter.principal(request));
    }

    @GetMapping("/api/v1/dashboards/{id}")
    @Operation(summary = "GetDashboardData: every widget of the dashboard, computed now")
    DashboardService.Data get(
            @PathVariable String id, @RequestParam(required = false) String tz, HttpServletRequest request) {
        return dashboards.data(id, ApiKeyAuthenticationFilter.principal(request), TimeExpressions.zone(tz));
    }

    @GetMapping("/api/v1/dashboards/{id}/widgets/{widget}")
    @Operation(summary = "One widget of a dashboard, computed now (for Grafana panels)")
    DashboardService.WidgetData widget(
            @PathVariable String id,
            @PathVariable String widget,
            @RequestParam(required = false) String tz,
            HttpServletRequest request) {
        return dashboards.widget(id, widget, ApiKeyAuthenticationFilter.principal(request), TimeExpressions.zone(tz));
    }
}
