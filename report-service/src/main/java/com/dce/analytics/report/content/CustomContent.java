package com.dce.analytics.report.content;

import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.report.content.GroupedTable.Metric;
import com.dce.analytics.store.query.MetricResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The content of a custom report: the chosen metrics over the chosen range with the chosen
 * filters, compared with the range before; a table by the chosen dimensions; the trend by hour
 * (ranges within a day) or by day, and a line chart of the first metric.
 */
final class CustomContent {

    private final MetricReader reader;
    private final StandardContent standard;
    private final int pdfRows;

    CustomContent(MetricReader reader, StandardContent standard, int pdfRows) {
        this.reader = reader;
        this.standard = standard;
        this.pdfRows = pdfRows;
    }

    List<Part> parts(ReportRequest r) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("summary", () -> List.of(summary(r))));
        if (!r.groupBy().isEmpty()) {
            parts.add(new Part("grouped", () -> List.of(grouped(r))));
        }
        parts.add(new Part("trend", () -> trend(r)));
        return parts;
    }

    private ReportTable summary(ReportRequest r) {
        ReportPeriod previous = r.period().previous();
        List<List<Cell>> rows = new ArrayList<>();
        for (String metric : r.metrics()) {
            rows.add(standard.kpiRow(Metrics.title(metric), reader.definition(metric), r, previous, r.filters()));
        }
        String filters = r.filters().isEmpty() ? "" : " Filters: " + r.filters() + ".";
        return new ReportTable(
                "summary",
                "Key figures",
                "Current: " + r.period().label() + "; previous: " + previous.label() + "." + filters,
                StandardContent.kpiColumns(),
                rows,
                0);
    }

    private ReportTable grouped(ReportRequest r) {
        List<Metric> metrics = r.metrics().stream()
                .map(m -> Metric.compared(Metrics.title(m), m))
                .toList();
        GroupedTable.Data data = GroupedTable.read(reader, r, r.groupBy(), metrics, r.filters());
        List<String> headings = r.groupBy().stream().map(Metrics::title).toList();
        return GroupedTable.layout(
                reader,
                "by_group",
                "By " + String.join(" and ", r.groupBy()),
                "Sorted by " + r.metrics().getFirst() + ".",
                headings,
                data,
                0,
                pdfRows);
    }

    private List<Section> trend(ReportRequest r) {
        ReportPeriod p = r.period();
        List<Column> columns = new ArrayList<>();
        List<List<Cell>> rows = new ArrayList<>();
        List<ReportChart.Point> chart = new ArrayList<>();
        MetricDefinition first = reader.definition(r.metrics().getFirst());
        String id;
        String title;
        if (p.withinOneDay()) {
            id = "by_hour";
            title = "By hour";
            columns.add(Column.text("Hour"));
            List<List<MetricResult.Point>> series = new ArrayList<>();
            for (String m : r.metrics()) {
                columns.add(Column.of(Metrics.title(m), Metrics.kindOf(reader.definition(m))));
                series.add(reader.hourly(m, p, r.filters()));
            }
            for (int h = 0; h < series.getFirst().size(); h++) {
                MetricResult.Point at = series.getFirst().get(h);
                List<Cell> row = new ArrayList<>();
                row.add(Cell.text(StandardContent.hourLabel(at, p)));
                for (int i = 0; i < series.size(); i++) {
                    row.add(Cell.of(
                            columns.get(i + 1).kind(), series.get(i).get(h).value()));
                }
                rows.add(row);
                chart.add(new ReportChart.Point(StandardContent.hourLabel(at, p), at.time(), at.value()));
            }
        } else {
            id = "by_day";
            title = "By day";
            columns.add(Column.text("Date"));
            List<Map<LocalDate, Map<Map<String, String>, BigDecimal>>> series = new ArrayList<>();
            for (String m : r.metrics()) {
                columns.add(Column.of(Metrics.title(m), Metrics.kindOf(reader.definition(m))));
                series.add(reader.daily(m, p, List.of(), r.filters()));
            }
            for (LocalDate date : p.dates()) {
                List<Cell> row = new ArrayList<>();
                row.add(Cell.text(date.toString()));
                for (int i = 0; i < series.size(); i++) {
                    BigDecimal v = series.get(i)
                            .getOrDefault(date, Map.of())
                            .getOrDefault(
                                    Map.of(), reader.emptyValue(r.metrics().get(i)));
                    row.add(Cell.of(columns.get(i + 1).kind(), v));
                }
                rows.add(row);
                chart.add(new ReportChart.Point(
                        date.toString(),
                        date.atStartOfDay(p.zone()).toInstant(),
                        row.get(1).number()));
            }
        }
        return List.of(
                new ReportTable(id, title, "Local time, " + p.zone().getId() + ".", columns, rows, 0),
                new ReportChart(
                        "trend_chart",
                        Metrics.title(first.name()) + (p.withinOneDay() ? " per hour" : " per day"),
                        ReportChart.Type.LINE,
                        Metrics.title(first.name()),
                        Metrics.kindOf(first),
                        chart));
    }
}
