package com.dce.analytics.query.dashboards;

import com.dce.analytics.query.metrics.Aggregations;
import com.dce.analytics.query.metrics.MetricRequests;
import com.dce.analytics.query.metrics.MetricResponses.TimeSeries;
import com.dce.analytics.query.metrics.QueryService;
import com.dce.analytics.query.metrics.TimeExpressions;
import com.dce.analytics.store.query.MetricQuery;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One widget of a dashboard and how its data is computed: every kind goes through the shared
 * {@link QueryService} (so through the one metric engine, coalesced and cached).
 */
sealed interface Widget {

    String id();

    String title();

    /** How a client draws it: timeseries, value, gauge, table, bar, pie, map, grid, alerts, comparison, forecast. */
    String kind();

    /** The metrics it reads: the caller must be allowed to read all of them. */
    List<String> metrics();

    Object evaluate(Context c);

    /** What a widget is evaluated with. */
    record Context(QueryService queries, Aggregations aggregations, BigDecimal dailyTarget, Instant now, ZoneId zone) {

        Aggregations.Result aggregate(String metric, String from, String to, List<String> groupBy, Integer top) {
            return aggregations.aggregate(
                    queries.catalog().find(metric).orElseThrow(),
                    new Aggregations.Request(metric, "total", from, to, null, null, groupBy, top, null, zone.getId()),
                    Map.of());
        }
    }

    /** A metric over time. */
    record Series(String id, String title, String metric, String from, String step, List<String> groupBy)
            implements Widget {
        public String kind() {
            return "timeseries";
        }

        public List<String> metrics() {
            return List.of(metric);
        }

        public Object evaluate(Context c) {
            MetricRequests.Range range =
                    MetricRequests.range(from, "now", c.zone().getId(), c.now());
            MetricQuery q = MetricRequests.query(
                    c.queries().catalog().find(metric).orElseThrow(),
                    range,
                    TimeExpressions.duration(step, "step"),
                    Map.of(),
                    groupBy);
            return TimeSeries.of(c.queries().query(q), range.from(), range.to());
        }
    }

    /** A metric over the range as one value per group (table, bar, pie, map, grid, value). */
    record Aggregate(
            String id, String title, String kind, String metric, String from, List<String> groupBy, Integer top)
            implements Widget {
        public List<String> metrics() {
            return List.of(metric);
        }

        public Object evaluate(Context c) {
            return c.aggregate(metric, from, "now", groupBy, top);
        }
    }

    /** A threshold check of one metric: ok, warning or critical. */
    record Check(String label, String metric, String from, List<String> groupBy, double warning, double critical) {}

    /** Threshold-based alert lights (the operations dashboard's error-rate alerts). */
    record Alerts(String id, String title, List<Check> checks) implements Widget {
        public String kind() {
            return "alerts";
        }

        public List<String> metrics() {
            return checks.stream().map(Check::metric).distinct().toList();
        }

        public Object evaluate(Context c) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Check check : checks) {
                Aggregations.Result r = c.aggregate(check.metric(), check.from(), "now", check.groupBy(), null);
                for (Aggregations.Row row : r.rows()) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("label", check.label());
                    out.put("metric", check.metric());
                    out.put("unit", r.unit());
                    out.put("group", row.group());
                    out.put("value", row.value());
                    out.put("warning", check.warning());
                    out.put("critical", check.critical());
                    out.put("state", state(row.value(), check));
                    rows.add(out);
                }
            }
            return Map.of("checks", rows);
        }

        private static String state(BigDecimal value, Check check) {
            if (value == null) {
                return "no_data";
            }
            double v = value.doubleValue();
            return v > check.critical() ? "critical" : v > check.warning() ? "warning" : "ok";
        }
    }

    /** Today's revenue against the configured daily target, and how far along the day should be. */
    record Target(String id, String title, String metric) implements Widget {
        public String kind() {
            return "gauge";
        }

        public List<String> metrics() {
            return List.of(metric);
        }

        public Object evaluate(Context c) {
            Aggregations.Result r = c.aggregate(metric, "now/d", "now", List.of(), null);
            BigDecimal value = r.value() == null ? BigDecimal.ZERO : r.value();
            Instant dayStart = LocalDate.ofInstant(c.now(), c.zone())
                    .atStartOfDay(c.zone())
                    .toInstant();
            double elapsed = Duration.between(dayStart, c.now()).toMillis()
                    / (double) Duration.ofDays(1).toMillis();
            BigDecimal expected = c.dailyTarget().multiply(BigDecimal.valueOf(elapsed), MathContext.DECIMAL64);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("value", value);
            out.put("target", c.dailyTarget());
            out.put("unit", r.unit());
            out.put("ratio", ratio(value, c.dailyTarget()));
            out.put("expected_by_now", expected);
            out.put("pace", ratio(value, expected));
            out.put("from", r.from());
            out.put("to", r.to());
            return out;
        }
    }

    /** Current vs previous period (day, week, month) of each metric, with growth. */
    record Comparison(String id, String title, List<String> metrics) implements Widget {
        private static final Map<String, String> PERIODS = periods();

        public String kind() {
            return "comparison";
        }

        public Object evaluate(Context c) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (String metric : metrics) {
                for (Map.Entry<String, String> p : PERIODS.entrySet()) {
                    String n = p.getValue();
                    Aggregations.Result current = c.aggregate(metric, "now-" + n, "now", List.of(), null);
                    Aggregations.Result previous = c.aggregate(metric, "now-" + twice(n), "now-" + n, List.of(), null);
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("metric", metric);
                    row.put("unit", current.unit());
                    row.put("period", p.getKey());
                    row.put("current", current.value());
                    row.put("previous", previous.value());
                    row.put("growth", growth(current.value(), previous.value()));
                    rows.add(row);
                }
            }
            return Map.of("comparisons", rows);
        }

        private static Map<String, String> periods() {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("day", "1d");
            p.put("week", "7d");
            p.put("month", "30d");
            return p;
        }

        private static String twice(String n) {
            return 2 * Integer.parseInt(n.substring(0, n.length() - 1)) + "d";
        }
    }

    /** The revenue forecast of {@link RevenueForecast}. */
    record Forecast(String id, String title, String metric, int historyDays, int horizonDays) implements Widget {
        public String kind() {
            return "forecast";
        }

        public List<String> metrics() {
            return List.of(metric);
        }

        public Object evaluate(Context c) {
            LocalDate today = LocalDate.ofInstant(c.now(), c.zone());
            Instant from = today.minusDays(historyDays).atStartOfDay(c.zone()).toInstant();
            Instant to = today.atStartOfDay(c.zone()).toInstant();
            MetricQuery q = new MetricQuery(metric, from, to, Duration.ofDays(1), Map.of(), List.of(), c.zone());
            List<BigDecimal> daily = new ArrayList<>();
            List<Map<String, Object>> history = new ArrayList<>();
            c.queries().query(q).series().stream()
                    .findFirst()
                    .ifPresent(s -> s.points().forEach(p -> {
                        daily.add(p.value());
                        history.add(Map.of(
                                "date",
                                LocalDate.ofInstant(p.time(), c.zone()).toString(),
                                "value",
                                p.value() == null ? BigDecimal.ZERO : p.value()));
                    }));
            RevenueForecast.Fit fit = RevenueForecast.fit(daily);
            List<BigDecimal> ahead = RevenueForecast.forecast(fit, horizonDays);
            List<Map<String, Object>> forecast = new ArrayList<>();
            for (int i = 0; i < ahead.size(); i++) {
                forecast.add(Map.of("date", today.plusDays(i).toString(), "value", ahead.get(i)));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("method", RevenueForecast.METHOD);
            out.put("fitted_days", fit.days());
            out.put("slope_per_day", round(fit.slope()));
            out.put("intercept", round(fit.intercept()));
            out.put("r2", round(fit.r2()));
            out.put("history", history);
            out.put("forecast", forecast);
            out.put("next_7_days_total", ahead.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            return out;
        }
    }

    private static BigDecimal ratio(BigDecimal a, BigDecimal b) {
        return a == null || b == null || b.signum() == 0 ? null : a.divide(b, MathContext.DECIMAL64);
    }

    private static BigDecimal growth(BigDecimal current, BigDecimal previous) {
        if (current == null || previous == null || previous.signum() == 0) {
            return null;
        }
        return current.subtract(previous).divide(previous.abs(), MathContext.DECIMAL64);
    }

    private static BigDecimal round(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).round(new MathContext(8)) : null;
    }
}
