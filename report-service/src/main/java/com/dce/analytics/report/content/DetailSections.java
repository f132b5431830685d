package com.dce.analytics.report.content;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The detail sections of the standard content: quality (drop reasons with their pie, audio-quality
 * bands, talk-time buckets, complaints), costs (by category against the previous period, buyer
 * payments by status) and compliance (TCPA violations by rule).
 */
final class DetailSections {

    private final MetricReader reader;

    DetailSections(MetricReader reader) {
        this.reader = reader;
    }

    List<Section> quality(ReportRequest r) {
        List<Section> out = new ArrayList<>();
        Map<Map<String, String>, BigDecimal> reasons =
                reader.totals("drop_rate_by_reason", r.period(), List.of("drop_reason"), Map.of());
        List<ReportChart.Point> slices = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        reasons.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(
                        java.util.Comparator.nullsLast(java.util.Comparator.<BigDecimal>reverseOrder())))
                .forEach(e -> {
                    String reason = GroupedTable.label(e.getKey().get("drop_reason"));
                    rows.add(List.of(Cell.text(reason), Cell.of(ValueKind.RATIO, e.getValue())));
                    slices.add(new ReportChart.Point(reason, null, e.getValue()));
                });
        out.add(new ReportTable(
                "drop_reasons",
                "Drop reasons",
                "Dropped calls of each reason as a share of connected calls.",
                List.of(Column.text("Reason"), Column.of("Share of connected calls", ValueKind.RATIO)),
                rows,
                0));
        out.add(new ReportChart(
                "drop_reasons_chart", "Drop reasons", ReportChart.Type.PIE, "Share", ValueKind.RATIO, slices));
        out.add(distribution(
                r, "quality_bands", "Calls by audio-quality band (MOS)", "quality_score_distribution", "band", "Band"));
        out.add(distribution(
                r,
                "duration_buckets",
                "Connected calls by talk time",
                "call_duration_distribution",
                "bucket",
                "Talk time"));
        out.add(distribution(r, "complaints", "Complaints by category", "complaints", "category", "Category"));
        return out;
    }

    private ReportTable distribution(
            ReportRequest r, String id, String title, String metric, String dimension, String heading) {
        Map<Map<String, String>, BigDecimal> values = reader.totals(metric, r.period(), List.of(dimension), Map.of());
        BigDecimal total =
                values.values().stream().filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<List<Cell>> rows = new ArrayList<>();
        values.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(k -> k.get(dimension))))
                .forEach(e -> rows.add(List.of(
                        Cell.text(GroupedTable.label(e.getKey().get(dimension))),
                        Cell.of(ValueKind.COUNT, e.getValue()),
                        Cell.of(
                                ValueKind.RATIO,
                                total.signum() == 0 || e.getValue() == null
                                        ? null
                                        : e.getValue().divide(total, MathContext.DECIMAL64)))));
        return new ReportTable(
                id,
                title,
                null,
                List.of(Column.text(heading), Column.of("Count", ValueKind.COUNT), Column.of("Share", ValueKind.RATIO)),
                rows,
                0);
    }

    List<Section> costs(ReportRequest r) {
        List<Section> out = new ArrayList<>();
        Map<Map<String, String>, BigDecimal> byCategory =
                reader.totals("costs_by_category", r.period(), List.of("category"), Map.of());
        Map<Map<String, String>, BigDecimal> before =
                reader.totals("costs_by_category", r.period().previous(), List.of("category"), Map.of());
        List<List<Cell>> rows = new ArrayList<>();
        byCategory.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(k -> k.get("category"))))
                .forEach(e -> {
                    BigDecimal prev = before.getOrDefault(e.getKey(), BigDecimal.ZERO);
                    rows.add(List.of(
                            Cell.text(GroupedTable.label(e.getKey().get("category"))),
                            Cell.of(ValueKind.MONEY, e.getValue()),
                            Cell.of(ValueKind.MONEY, prev),
                            Cell.of(ValueKind.PERCENT_CHANGE, GroupedTable.relativeChange(e.getValue(), prev))));
                });
        out.add(new ReportTable(
                "costs_by_category",
                "Costs by category",
                null,
                List.of(
                        Column.text("Category"),
                        Column.of("Costs", ValueKind.MONEY),
                        Column.of("Previous", ValueKind.MONEY),
                        Column.of("Change", ValueKind.PERCENT_CHANGE)),
                rows,
                0));
        Map<Map<String, String>, BigDecimal> payments =
                reader.totals("buyer_payment_status", r.period(), List.of("status"), Map.of());
        List<List<Cell>> paymentRows = new ArrayList<>();
        payments.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(k -> k.get("status"))))
                .forEach(e -> paymentRows.add(List.of(
                        Cell.text(GroupedTable.label(e.getKey().get("status"))),
                        Cell.of(ValueKind.MONEY, e.getValue()))));
        out.add(new ReportTable(
                "buyer_payments",
                "Buyer payments by status",
                null,
                List.of(Column.text("Status"), Column.of("Amount", ValueKind.MONEY)),
                paymentRows,
                0));
        return out;
    }

    List<Section> compliance(ReportRequest r) {
        Map<Map<String, String>, BigDecimal> byRule =
                reader.totals("tcpa_violations_detected", r.period(), List.of("rule"), Map.of());
        List<List<Cell>> rows = new ArrayList<>();
        byRule.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(k -> k.get("rule"))))
                .forEach(e -> rows.add(List.of(
                        Cell.text(GroupedTable.label(e.getKey().get("rule"))),
                        Cell.of(ValueKind.COUNT, e.getValue()))));
        return List.of(new ReportTable(
                "tcpa_by_rule",
                "TCPA violations by rule",
                null,
                List.of(Column.text("Rule"), Column.of("Violations", ValueKind.COUNT)),
                rows,
                0));
    }
}
