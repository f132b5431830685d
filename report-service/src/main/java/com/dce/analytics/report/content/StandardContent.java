package com.dce.analytics.report.content;

import com.dce.analytics.metrics.Audience;
import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.report.content.GroupedTable.Metric;
import com.dce.analytics.store.query.MetricResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The standard content of daily, weekly and monthly reports, as a finance or operations reader
 * expects it: key figures against the previous period, the trend by hour or day, buyers, sellers
 * and states with top and bottom performers, quality (drop reasons, audio quality), costs and
 * compliance. Each part needs the audiences of its metrics; the builder leaves out what the
 * reader's role may not see.
 */
final class StandardContent {

    /** A key figure of the summary. */
    record Kpi(String label, String metric) {}

    static final List<Kpi> KPIS = List.of(
            new Kpi("Calls offered", "calls_by_state"),
            new Kpi("Incoming calls", "incoming_calls"),
            new Kpi("Connection rate", "connection_rate"),
            new Kpi("Drop rate", "drop_rate"),
            new Kpi("Average talk time", "average_duration"),
            new Kpi("Routing success rate", "routing_success_rate"),
            new Kpi("Fallback routing rate", "fallback_routing_rate"),
            new Kpi("Audio quality (MOS)", "audio_quality_score"),
            new Kpi("Audio quality, worst 5% (MOS)", "audio_quality_p05"),
            new Kpi("Post-call survey score", "post_call_survey_score"),
            new Kpi("Complaints", "complaints"),
            new Kpi("Bid acceptance rate", "bid_acceptance_rate"),
            new Kpi("Average bid per minute", "average_bid_amount"),
            new Kpi("Bid-to-call conversion", "bid_to_call_conversion"),
            new Kpi("Revenue", "revenue_total"),
            new Kpi("Billed revenue", "billed_revenue"),
            new Kpi("Total costs", "costs_by_category"),
            new Kpi("Telephony costs", "telephony_costs"),
            new Kpi("Infrastructure costs", "infrastructure_costs"),
            new Kpi("Failed-call costs", "failed_call_costs"),
            new Kpi("Gross margin", "gross_margin"),
            new Kpi("Gross margin per connected call", "gross_margin_per_call"),
            new Kpi("Net margin", "net_margin_by_buyer"),
            new Kpi("TCPA violations", "tcpa_violations_detected"),
            new Kpi("Consent verification rate", "consent_verification_rate"),
            new Kpi("Data retention compliance", "data_retention_compliance"),
            new Kpi("DNC checks per minute", "dnc_checks_per_minute"));

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:mm zzz");
    private static final int TOP = 5;

    private final MetricReader reader;
    private final String currency;
    private final int pdfRows;
    /** Read by the buyer and seller parts, ranked by the performers part after them. */
    private volatile GroupedTable.Data buyers;

    private volatile GroupedTable.Data sellers;

    StandardContent(MetricReader reader, String currency, int pdfRows) {
        this.reader = reader;
        this.currency = currency;
        this.pdfRows = pdfRows;
    }

    List<Part> parts(ReportRequest r) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("summary", () -> List.of(summary(r))));
        parts.add(new Part("trend", () -> trend(r)));
        if (GroupedTable.mayAny(r, Audience.OPERATIONS, Audience.QUALITY, Audience.FINANCE)) {
            parts.add(new Part("buyers", () -> List.of(buyers(r))));
            parts.add(new Part("sellers", () -> List.of(sellers(r))));
            parts.add(new Part("performers", () -> List.of(performers(r)), true));
            parts.add(new Part("states", () -> states(r)));
        }
        DetailSections details = new DetailSections(reader);
        if (r.may(Audience.QUALITY)) {
            parts.add(new Part("quality", () -> details.quality(r)));
        }
        if (r.may(Audience.FINANCE)) {
            parts.add(new Part("costs", () -> details.costs(r)));
        }
        if (r.may(Audience.COMPLIANCE)) {
            parts.add(new Part("compliance", () -> details.compliance(r)));
        }
        return parts;
    }

    ReportTable summary(ReportRequest r) {
        ReportPeriod previous = r.period().previous();
        List<List<Cell>> rows = new ArrayList<>();
        for (Kpi kpi : KPIS) {
            MetricDefinition def = reader.definition(kpi.metric());
            if (!r.may(def.audience())) {
                continue;
            }
            rows.add(kpiRow(kpi.label(), def, r, previous, Map.of()));
        }
        return new ReportTable(
                "summary",
                "Key figures",
                "Current: " + r.period().label() + "; previous: " + previous.label() + ". Change of ratios in"
                        + " percentage points (pp), of other figures in percent.",
                kpiColumns(),
                rows,
                0);
    }

    static List<Column> kpiColumns() {
        return List.of(
                Column.text("Metric"),
                Column.text("Unit"),
                Column.of("Current", ValueKind.DECIMAL),
                Column.of("Previous", ValueKind.DECIMAL),
                Column.of("Change", ValueKind.PERCENT_CHANGE),
                Column.text("Change unit"));
    }

    List<Cell> kpiRow(
            String label,
            MetricDefinition def,
            ReportRequest r,
            ReportPeriod previous,
            Map<String, java.util.Set<String>> filters) {
        ValueKind kind = Metrics.kindOf(def);
        BigDecimal current = reader.total(def.name(), r.period(), filters);
        BigDecimal before = reader.total(def.name(), previous, filters);
        Cell change;
        String changeUnit;
        if (kind == ValueKind.RATIO) {
            change = Cell.of(
                    ValueKind.POINTS_CHANGE,
                    current == null || before == null
                            ? null
                            : current.subtract(before).multiply(BigDecimal.valueOf(100)));
            changeUnit = "pp";
        } else {
            change = Cell.of(ValueKind.PERCENT_CHANGE, GroupedTable.relativeChange(current, before));
            changeUnit = "%";
        }
        return List.of(
                Cell.text(label),
                Cell.text(Metrics.unitOf(def, currency)),
                Cell.of(kind, current),
                Cell.of(kind, before),
                change,
                Cell.text(changeUnit));
    }

    /** Per hour for a day (23–25 rows on DST days), per day otherwise; a line chart of revenue (or calls). */
    List<Section> trend(ReportRequest r) {
        List<Section> out = new ArrayList<>();
        ReportPeriod p = r.period();
        boolean finance = r.may(Audience.FINANCE);
        String chartMetric = finance ? "revenue_total" : "calls_by_state";
        String chartLabel = finance ? "Revenue" : "Calls";
        List<Metric> columns = trendColumns(r);
        if (p.withinOneDay() || !p.wholeDays()) {
            out.add(hourlyTable(r, columns));
        } else {
            out.add(dailyTable(r, columns));
        }
        if (!p.withinOneDay() && p.wholeDays() && p.length().compareTo(Duration.ofDays(8)) > 0) {
            List<ReportChart.Point> points = new ArrayList<>();
            Map<LocalDate, Map<Map<String, String>, BigDecimal>> daily =
                    reader.daily(chartMetric, p, List.of(), Map.of());
            daily.forEach((date, values) -> points.add(new ReportChart.Point(
                    date.toString(),
                    date.atStartOfDay(p.zone()).toInstant(),
                    values.getOrDefault(Map.of(), reader.emptyValue(chartMetric)))));
            out.add(new ReportChart(
                    "trend_chart",
                    chartLabel + " per day",
                    ReportChart.Type.LINE,
                    chartLabel,
                    finance ? ValueKind.MONEY : ValueKind.COUNT,
                    points));
        } else {
            List<ReportChart.Point> points = new ArrayList<>();
            for (MetricResult.Point point : reader.hourly(chartMetric, p, Map.of())) {
                points.add(new ReportChart.Point(hourLabel(point, p), point.time(), point.value()));
            }
            out.add(new ReportChart(
                    "trend_chart",
                    chartLabel + " per hour",
                    ReportChart.Type.LINE,
                    chartLabel,
                    finance ? ValueKind.MONEY : ValueKind.COUNT,
                    points));
        }
        return out;
    }

    private List<Metric> trendColumns(ReportRequest r) {
        List<Metric> all = List.of(
                Metric.of("Calls", "calls_by_state"),
                Metric.of("Connection rate", "connection_rate"),
                Metric.of("Drop rate", "drop_rate"),
                Metric.of("Revenue", "revenue_total"),
                Metric.of("Costs", "costs_by_category"),
                Metric.of("Gross margin", "gross_margin"));
        return all.stream()
                .filter(m -> r.may(reader.definition(m.metric()).audience()))
                .toList();
    }

    private ReportTable hourlyTable(ReportRequest r, List<Metric> metrics) {
        ReportPeriod p = r.period();
        List<List<MetricResult.Point>> series = new ArrayList<>();
        for (Metric m : metrics) {
            series.add(reader.hourly(m.metric(), p, Map.of()));
        }
        List<Column> columns = new ArrayList<>();
        columns.add(Column.text("Hour"));
        metrics.forEach(m -> columns.add(Column.of(m.heading(), Metrics.kindOf(reader.definition(m.metric())))));
        List<List<Cell>> rows = new ArrayList<>();
        int hours = series.isEmpty() ? 0 : series.getFirst().size();
        for (int h = 0; h < hours; h++) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(hourLabel(series.getFirst().get(h), p)));
            for (int i = 0; i < metrics.size(); i++) {
                BigDecimal v = series.get(i).get(h).value();
                row.add(Cell.of(columns.get(i + 1).kind(), v));
            }
            rows.add(row);
        }
        return new ReportTable("by_hour", "By hour", "Local time, " + p.zone().getId() + ".", columns, rows, 0);
    }

    private ReportTable dailyTable(ReportRequest r, List<Metric> metrics) {
        ReportPeriod p = r.period();
        List<Map<LocalDate, Map<Map<String, String>, BigDecimal>>> series = new ArrayList<>();
        for (Metric m : metrics) {
            series.add(reader.daily(m.metric(), p, List.of(), Map.of()));
        }
        List<Column> columns = new ArrayList<>();
        columns.add(Column.text("Date"));
        metrics.forEach(m -> columns.add(Column.of(m.heading(), Metrics.kindOf(reader.definition(m.metric())))));
        List<List<Cell>> rows = new ArrayList<>();
        for (LocalDate date : p.dates()) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(date.toString()));
            for (int i = 0; i < metrics.size(); i++) {
                BigDecimal v = series.get(i)
                        .getOrDefault(date, Map.of())
                        .getOrDefault(Map.of(), reader.emptyValue(metrics.get(i).metric()));
                row.add(Cell.of(columns.get(i + 1).kind(), v));
            }
            rows.add(row);
        }
        return new ReportTable("by_day", "By day", "Local dates, " + p.zone().getId() + ".", columns, rows, 0);
    }

    static String hourLabel(MetricResult.Point point, ReportPeriod p) {
        return HOUR.format(ZonedDateTime.ofInstant(point.time(), p.zone()));
    }

    ReportTable buyers(ReportRequest r) {
        buyers = GroupedTable.read(
                reader,
                r,
                List.of("buyer_id"),
                List.of(
                        Metric.of("Calls", "calls_by_buyer"),
                        Metric.of("Connection rate", "connection_rate"),
                        Metric.of("Drop rate", "drop_rate"),
                        Metric.of("Audio MOS", "audio_quality_score"),
                        Metric.compared("Revenue", "revenue_by_buyer"),
                        Metric.of("Costs", "costs_by_category"),
                        Metric.of("Net margin", "net_margin_by_buyer")),
                Map.of());
        return GroupedTable.layout(
                reader,
                "by_buyer",
                "By buyer",
                "Sorted by " + (r.may(Audience.FINANCE) ? "revenue" : "calls") + "; revenue compared with "
                        + r.period().previous().label() + ".",
                List.of("Buyer"),
                buyers,
                buyerSort(),
                pdfRows);
    }

    private int buyerSort() {
        return sortColumn(buyers, "revenue_by_buyer", "calls_by_buyer", "connection_rate");
    }

    private int sellerSort() {
        return sortColumn(sellers, "revenue_by_seller", "calls_by_seller", "post_call_survey_score");
    }

    ReportTable sellers(ReportRequest r) {
        sellers = GroupedTable.read(
                reader,
                r,
                List.of("seller_id"),
                List.of(
                        Metric.of("Calls", "calls_by_seller"),
                        Metric.of("Revenue", "revenue_by_seller"),
                        Metric.of("Margin after payouts", "lifetime_value_by_seller"),
                        Metric.of("Survey score", "post_call_survey_score"),
                        Metric.of("Complaints", "complaints"),
                        Metric.of("TCPA violations", "tcpa_violations_detected")),
                Map.of());
        return GroupedTable.layout(
                reader,
                "by_seller",
                "By seller",
                "Sorted by " + (r.may(Audience.FINANCE) ? "revenue" : "calls")
                        + "; margin after payouts = revenue − seller payouts.",
                List.of("Seller"),
                sellers,
                sellerSort(),
                pdfRows);
    }

    private static int sortColumn(GroupedTable.Data data, String... preferred) {
        for (String metric : preferred) {
            int i = GroupedTable.indexOf(data, metric);
            if (i >= 0) {
                return i;
            }
        }
        return -1;
    }

    private ReportTable performers(ReportRequest r) {
        int buyerSort = buyerSort();
        int sellerSort = sellerSort();
        List<List<Cell>> rows = new ArrayList<>();
        String basis = r.may(Audience.FINANCE) ? "revenue" : "calls";
        ValueKind kind = r.may(Audience.FINANCE) ? ValueKind.MONEY : ValueKind.COUNT;
        ranking(rows, "Top buyers by " + basis, buyers, "buyer_id", buyerSort, kind, false);
        ranking(rows, "Bottom buyers by " + basis, buyers, "buyer_id", buyerSort, kind, true);
        ranking(rows, "Top sellers by " + basis, sellers, "seller_id", sellerSort, kind, false);
        ranking(rows, "Bottom sellers by " + basis, sellers, "seller_id", sellerSort, kind, true);
        int drop = GroupedTable.indexOf(buyers, "drop_rate");
        if (drop >= 0) {
            ranking(rows, "Highest drop rate (buyers)", buyers, "buyer_id", drop, ValueKind.RATIO, false);
        }
        return new ReportTable(
                "performers",
                "Top and bottom performers",
                "Groups without a value are not ranked.",
                List.of(
                        Column.text("Ranking"),
                        Column.of("Rank", ValueKind.COUNT),
                        Column.text("Name"),
                        Column.of("Value", ValueKind.DECIMAL)),
                rows,
                0);
    }

    private static void ranking(
            List<List<Cell>> rows,
            String title,
            GroupedTable.Data data,
            String dimension,
            int column,
            ValueKind kind,
            boolean bottom) {
        if (column < 0) {
            return;
        }
        List<Map.Entry<Map<String, String>, BigDecimal[]>> ranked = GroupedTable.sorted(data, column).stream()
                .filter(e -> e.getValue()[column] != null)
                .toList();
        if (bottom) {
            ranked = ranked.reversed();
        }
        for (int i = 0; i < Math.min(TOP, ranked.size()); i++) {
            var e = ranked.get(i);
            rows.add(List.of(
                    Cell.text(title),
                    Cell.of(ValueKind.COUNT, BigDecimal.valueOf(i + 1)),
                    Cell.text(GroupedTable.label(e.getKey().get(dimension))),
                    Cell.of(kind, e.getValue()[column])));
        }
    }

    List<Section> states(ReportRequest r) {
        GroupedTable.Data states = GroupedTable.read(
                reader,
                r,
                List.of("state"),
                List.of(
                        Metric.of("Calls", "calls_by_state"),
                        Metric.of("Connection rate", "connection_rate"),
                        Metric.of("Drop rate", "drop_rate"),
                        Metric.of("Revenue", "revenue_by_geography")),
                Map.of());
        int calls = GroupedTable.indexOf(states, "calls_by_state");
        int sort = calls >= 0 ? calls : sortColumn(states, "revenue_by_geography", "connection_rate");
        List<Section> out = new ArrayList<>();
        out.add(GroupedTable.layout(
                reader, "by_state", "By caller state", "Sorted by calls.", List.of("State"), states, sort, 0));
        if (calls >= 0) {
            List<ReportChart.Point> points = GroupedTable.sorted(states, calls).stream()
                    .limit(20)
                    .map(e -> new ReportChart.Point(
                            GroupedTable.label(e.getKey().get("state")), null, e.getValue()[calls]))
                    .toList();
            out.add(new ReportChart(
                    "calls_by_state_chart",
                    "Calls by state (top 20)",
                    ReportChart.Type.BAR,
                    "Calls",
                    ValueKind.COUNT,
                    points));
        }
        return out;
    }
}
