package com.dce.analytics.query.dashboards;

import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.query.access.AccessPolicy;
import com.dce.analytics.query.metrics.Aggregations;
import com.dce.analytics.query.metrics.QueryService;
import com.dce.analytics.query.metrics.TimeExpressions;
import com.dce.analytics.query.system.QueryApiProperties;
import com.dce.analytics.store.access.ApiPrincipal;
import com.dce.analytics.store.query.QueryException;
import com.dce.analytics.web.ApiException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * GetDashboardData: everything a dashboard shows, computed widget by widget through the shared
 * query service. A widget the caller may not read (e.g. revenue on the operations dashboard for a
 * viewer key) or that fails comes back with an error instead of data; the others still answer.
 */
@Service
class DashboardService {

    private static final Logger log = LoggerFactory.getLogger(DashboardService.class);

    private final DashboardCatalog catalog = new DashboardCatalog();
    private final QueryService queries;
    private final Aggregations aggregations;
    private final QueryApiProperties properties;

    DashboardService(QueryService queries, Aggregations aggregations, QueryApiProperties properties) {
        this.queries = queries;
        this.aggregations = aggregations;
        this.properties = properties;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Summary(
            @JsonProperty("id") String id,
            @JsonProperty("title") String title,
            @JsonProperty("purpose") String purpose,
            @JsonProperty("audience") String audience,
            @JsonProperty("refresh_seconds") long refreshSeconds,
            @JsonProperty("refresh") String refresh,
            @JsonProperty("readable") boolean readable,
            @JsonProperty("widgets") List<WidgetInfo> widgets) {}

    record WidgetInfo(
            @JsonProperty("id") String id,
            @JsonProperty("title") String title,
            @JsonProperty("kind") String kind,
            @JsonProperty("metrics") List<String> metrics) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Data(
            @JsonProperty("id") String id,
            @JsonProperty("title") String title,
            @JsonProperty("audience") String audience,
            @JsonProperty("refresh_seconds") long refreshSeconds,
            @JsonProperty("refresh") String refresh,
            @JsonProperty("generated_at") Instant generatedAt,
            @JsonProperty("time_zone") String timeZone,
            @JsonProperty("widgets") List<WidgetData> widgets) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WidgetData(
            @JsonProperty("id") String id,
            @JsonProperty("title") String title,
            @JsonProperty("kind") String kind,
            @JsonProperty("metrics") List<String> metrics,
            @JsonProperty("data") Object data,
            @JsonProperty("error") Map<String, Object> error) {}

    List<Summary> list(ApiPrincipal principal) {
        return catalog.all().stream().map(d -> summary(d, principal)).toList();
    }

    Data data(String id, ApiPrincipal principal, ZoneId zone) {
        Dashboard d = dashboard(id);
        AccessPolicy.checkAudience(principal, d.audience(), "the " + d.id() + " dashboard");
        Widget.Context context =
                new Widget.Context(queries, aggregations, properties.targets().dailyRevenue(), queries.now(), zone);
        List<WidgetData> widgets = new ArrayList<>();
        for (Widget w : d.widgets()) {
            widgets.add(evaluate(w, principal, context));
        }
        return new Data(
                d.id(),
                d.title(),
                AccessPolicy.audience(d.audience()),
                d.refresh().toSeconds(),
                TimeExpressions.label(d.refresh()),
                context.now(),
                zone.getId(),
                widgets);
    }

    /** One widget of a dashboard (Grafana panels that show a computed widget read it this way). */
    WidgetData widget(String id, String widgetId, ApiPrincipal principal, ZoneId zone) {
        Dashboard d = dashboard(id);
        AccessPolicy.checkAudience(principal, d.audience(), "the " + d.id() + " dashboard");
        Widget w = d.widgets().stream()
                .filter(x -> x.id().equals(widgetId))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("the " + id + " dashboard has no widget '" + widgetId + "'"));
        Widget.Context context =
                new Widget.Context(queries, aggregations, properties.targets().dailyRevenue(), queries.now(), zone);
        WidgetData data = evaluate(w, principal, context);
        if (data.error() != null) {
            int status = (Integer) data.error().get("status");
            throw new ApiException(
                    org.springframework.http.HttpStatus.valueOf(status),
                    (String) data.error().get("title"),
                    (String) data.error().get("detail"));
        }
        return data;
    }

    private WidgetData evaluate(Widget w, ApiPrincipal principal, Widget.Context context) {
        for (String metric : w.metrics()) {
            MetricDefinition def = queries.catalog().find(metric).orElseThrow();
            if (!AccessPolicy.mayRead(principal, def)) {
                return failed(
                        w,
                        403,
                        "Forbidden",
                        "the key may not read " + AccessPolicy.audience(def.audience()) + " metrics such as '" + metric
                                + "'");
            }
        }
        try {
            return new WidgetData(w.id(), w.title(), w.kind(), w.metrics(), w.evaluate(context), null);
        } catch (QueryException e) {
            return failed(w, 400, "Invalid query", e.getMessage());
        } catch (ApiException e) {
            return failed(w, e.status().value(), e.title(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("widget {} failed", w.id(), e);
            return failed(w, 500, "Internal error", "the widget could not be computed; it has been logged");
        }
    }

    private static WidgetData failed(Widget w, int status, String title, String detail) {
        return new WidgetData(
                w.id(),
                w.title(),
                w.kind(),
                w.metrics(),
                null,
                Map.of("status", status, "title", title, "detail", detail));
    }

    private Dashboard dashboard(String id) {
        return catalog.find(id)
                .orElseThrow(() -> ApiException.notFound("unknown dashboard '" + id + "'; dashboards: "
                        + catalog.all().stream().map(Dashboard::id).toList()));
    }

    private static Summary summary(Dashboard d, ApiPrincipal principal) {
        return new Summary(
                d.id(),
                d.title(),
                d.purpose(),
                AccessPolicy.audience(d.audience()),
                d.refresh().toSeconds(),
                TimeExpressions.label(d.refresh()),
                principal.mayRead(d.audience()),
                d.widgets().stream()
                        .map(w -> new WidgetInfo(w.id(), w.title(), w.kind(), w.metrics()))
                        .toList());
    }
}
