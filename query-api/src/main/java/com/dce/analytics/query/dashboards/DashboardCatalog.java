package com.dce.analytics.query.dashboards;

import com.dce.analytics.metrics.Audience;
import com.dce.analytics.query.dashboards.Widget.Aggregate;
import com.dce.analytics.query.dashboards.Widget.Alerts;
import com.dce.analytics.query.dashboards.Widget.Check;
import com.dce.analytics.query.dashboards.Widget.Comparison;
import com.dce.analytics.query.dashboards.Widget.Forecast;
import com.dce.analytics.query.dashboards.Widget.Series;
import com.dce.analytics.query.dashboards.Widget.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The four dashboards of the spec with every widget it lists, and their refresh rates
 * (operations 1 s, financial 10 s, quality 30 s, executive 5 min). The web console and the
 * Grafana dashboards show the same widgets.
 */
final class DashboardCatalog {

    private static final List<String> NONE = List.of();

    private final Map<String, Dashboard> dashboards = new LinkedHashMap<>();

    DashboardCatalog() {
        add(operations());
        add(financial());
        add(quality());
        add(executive());
    }

    List<Dashboard> all() {
        return List.copyOf(dashboards.values());
    }

    Optional<Dashboard> find(String id) {
        return Optional.ofNullable(dashboards.get(id));
    }

    private void add(Dashboard d) {
        dashboards.put(d.id(), d);
    }

    private static Dashboard operations() {
        return new Dashboard(
                "operations",
                "Operations",
                "Monitor live system performance and health",
                Audience.OPERATIONS,
                Duration.ofSeconds(1),
                List.of(
                        new Aggregate(
                                "active_calls_map",
                                "Active calls by state",
                                "map",
                                "concurrent_calls",
                                "now-2m",
                                List.of("state"),
                                null),
                        new Aggregate(
                                "calls_by_state",
                                "Calls offered by state, last 15 min",
                                "table",
                                "calls_by_state",
                                "now-15m",
                                List.of("state"),
                                null),
                        new Series("call_volume_1m", "Call volume (1 min)", "calls_per_minute", "now-1h", "1m", NONE),
                        new Series("call_volume_5m", "Call volume (5 min)", "calls_per_minute", "now-6h", "5m", NONE),
                        new Series("call_volume_1h", "Call volume (1 h)", "calls_per_minute", "now-48h", "1h", NONE),
                        new Aggregate(
                                "service_health",
                                "Service health",
                                "grid",
                                "service_health",
                                "now-1m",
                                List.of("service"),
                                null),
                        new Alerts(
                                "error_rate_alerts",
                                "Error-rate alerts",
                                List.of(
                                        new Check(
                                                "5xx share by service",
                                                "error_rate_by_service",
                                                "now-5m",
                                                List.of("service"),
                                                0.005,
                                                0.01),
                                        new Check("API p99 latency (ms)", "api_p99_latency", "now-5m", NONE, 80, 100),
                                        new Check("Drop rate", "drop_rate", "now-5m", NONE, 0.03, 0.05))),
                        new Aggregate(
                                "top_buyers",
                                "Top buyers by volume, last hour",
                                "bar",
                                "calls_by_buyer",
                                "now-1h",
                                List.of("buyer_id"),
                                10),
                        new Aggregate(
                                "top_sellers",
                                "Top sellers by volume, last hour",
                                "bar",
                                "calls_by_seller",
                                "now-1h",
                                List.of("seller_id"),
                                10),
                        new Aggregate(
                                "revenue_run_rate",
                                "Revenue run rate (per hour, last 15 min)",
                                "value",
                                "revenue_per_hour",
                                "now-15m",
                                NONE,
                                null)));
    }

    private static Dashboard financial() {
        return new Dashboard(
                "financial",
                "Financial",
                "Track revenue, costs, and profitability in real-time",
                Audience.FINANCE,
                Duration.ofSeconds(10),
                List.of(
                        new Target("revenue_vs_target", "Revenue today vs target", "revenue_total"),
                        new Aggregate(
                                "cost_breakdown",
                                "Cost breakdown, last 24 h",
                                "pie",
                                "costs_by_category",
                                "now-24h",
                                List.of("category"),
                                null),
                        new Series("margin_trend", "Gross margin", "gross_margin", "now-48h", "1h", NONE),
                        new Series(
                                "margin_per_call_trend",
                                "Gross margin per call",
                                "gross_margin_per_call",
                                "now-48h",
                                "1h",
                                NONE),
                        new Aggregate(
                                "buyer_payment_status",
                                "Buyer payments by status, last 30 days",
                                "pie",
                                "buyer_payment_status",
                                "now-30d",
                                List.of("status"),
                                null),
                        new Aggregate(
                                "seller_payout_queue",
                                "Seller payout queue, last 30 days",
                                "value",
                                "seller_payout_queue",
                                "now-30d",
                                NONE,
                                null),
                        new Comparison(
                                "revenue_comparisons", "Revenue: day / week / month", List.of("revenue_total"))));
    }

    private static Dashboard quality() {
        return new Dashboard(
                "quality",
                "Quality monitoring",
                "Ensure call quality and customer satisfaction",
                Audience.QUALITY,
                Duration.ofSeconds(30),
                List.of(
                        new Aggregate(
                                "quality_score_distribution",
                                "Call quality score distribution, last 24 h",
                                "bar",
                                "quality_score_distribution",
                                "now-24h",
                                List.of("band"),
                                null),
                        new Aggregate(
                                "duration_histogram",
                                "Call duration histogram, last 24 h",
                                "bar",
                                "call_duration_distribution",
                                "now-24h",
                                List.of("bucket"),
                                null),
                        new Aggregate(
                                "drop_rate_by_reason",
                                "Drop rate by reason, last 24 h",
                                "bar",
                                "drop_rate_by_reason",
                                "now-24h",
                                List.of("drop_reason"),
                                null),
                        new Series("drop_rate_trend", "Drop rate", "drop_rate", "now-6h", "5m", NONE),
                        new Series(
                                "audio_quality_trend",
                                "Audio quality (MOS)",
                                "audio_quality_score",
                                "now-6h",
                                "5m",
                                NONE),
                        new Aggregate(
                                "audio_quality_p05",
                                "Worst 5 % audio quality (MOS), last hour",
                                "value",
                                "audio_quality_p05",
                                "now-1h",
                                NONE,
                                null),
                        new Aggregate(
                                "complaints_by_category",
                                "Complaints by category, last 7 days",
                                "table",
                                "complaints",
                                "now-7d",
                                List.of("category"),
                                null),
                        new Series("complaints_trend", "Complaints per day", "complaints", "now-7d", "1d", NONE),
                        new Aggregate(
                                "agent_scores",
                                "Agent performance scores, last 7 days",
                                "table",
                                "agent_performance_score",
                                "now-7d",
                                List.of("agent_id"),
                                20)));
    }

    private static Dashboard executive() {
        return new Dashboard(
                "executive",
                "Executive summary",
                "High-level KPIs for business decisions",
                Audience.EXECUTIVE,
                Duration.ofMinutes(5),
                List.of(
                        new Target("revenue_vs_target", "Revenue today vs target", "revenue_total"),
                        new Comparison(
                                "growth", "Growth: day / week / month", List.of("revenue_total", "incoming_calls")),
                        new Aggregate(
                                "market_share",
                                "Market share, last 30 days",
                                "value",
                                "market_share",
                                "now-30d",
                                NONE,
                                null),
                        new Series("market_share_trend", "Market share per day", "market_share", "now-30d", "1d", NONE),
                        new Aggregate(
                                "customer_acquisition_cost",
                                "Customer acquisition cost, last 30 days",
                                "value",
                                "customer_acquisition_cost",
                                "now-30d",
                                NONE,
                                null),
                        new Series("churn_trend", "Churn rate per day", "churn_rate", "now-30d", "1d", NONE),
                        new Forecast("revenue_forecast", "Revenue forecast, next 7 days", "revenue_total", 28, 7)));
    }
}
