package com.dce.analytics.report.content;

import com.dce.analytics.metrics.Audience;
import com.dce.analytics.metrics.MetricDefinition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A table of metric totals by one or more dimensions (by buyer, by seller, by state…): one column
 * per metric the reader may see, optionally the previous period's value and the change, rows
 * sorted by a chosen column, largest first.
 */
final class GroupedTable {

    /** A metric column; {@code compare} adds the previous period's value and the relative change. */
    record Metric(String heading, String metric, boolean compare) {
        static Metric of(String heading, String metric) {
            return new Metric(heading, metric, false);
        }

        static Metric compared(String heading, String metric) {
            return new Metric(heading, metric, true);
        }
    }

    /** Rows of a grouped table before it is laid out: group values and one value per metric column. */
    record Data(List<String> dimensions, List<Metric> metrics, Map<Map<String, String>, BigDecimal[]> rows) {}

    private GroupedTable() {}

    static Data read(
            MetricReader reader,
            ReportRequest request,
            List<String> dimensions,
            List<Metric> candidates,
            Map<String, java.util.Set<String>> filters) {
        List<Metric> metrics = new ArrayList<>();
        for (Metric m : candidates) {
            MetricDefinition def = reader.definition(m.metric());
            if (request.may(def.audience())) {
                metrics.add(m);
            }
        }
        int width = metrics.stream().mapToInt(m -> m.compare() ? 3 : 1).sum();
        Map<Map<String, String>, BigDecimal[]> rows = new LinkedHashMap<>();
        List<Map<Map<String, String>, BigDecimal>> previousValues = new ArrayList<>();
        int col = 0;
        for (Metric m : metrics) {
            Map<Map<String, String>, BigDecimal> current =
                    reader.totals(m.metric(), request.period(), dimensions, filters);
            previousValues.add(
                    m.compare()
                            ? reader.totals(m.metric(), request.period().previous(), dimensions, filters)
                            : Map.of());
            Set<Map<String, String>> groups = new LinkedHashSet<>(current.keySet());
            for (Map<String, String> g : groups) {
                BigDecimal[] row = rows.computeIfAbsent(g, k -> new BigDecimal[width]);
                row[col] = current.get(g);
            }
            col += m.compare() ? 3 : 1;
        }
        // a group seen by one metric only is worth zero in the additive ones, in the current and the previous
        // period alike; the previous value and the change are filled in once every group is known
        col = 0;
        for (int i = 0; i < metrics.size(); i++) {
            Metric m = metrics.get(i);
            BigDecimal empty = reader.emptyValue(m.metric());
            for (Map.Entry<Map<String, String>, BigDecimal[]> e : rows.entrySet()) {
                BigDecimal[] row = e.getValue();
                if (row[col] == null) {
                    row[col] = empty;
                }
                if (m.compare()) {
                    BigDecimal before = previousValues.get(i).get(e.getKey());
                    row[col + 1] = before == null ? empty : before;
                    row[col + 2] = relativeChange(row[col], row[col + 1]);
                }
            }
            col += m.compare() ? 3 : 1;
        }
        return new Data(dimensions, metrics, rows);
    }

    /** Change in percent of the previous value; null when there is nothing to compare with. */
    static BigDecimal relativeChange(BigDecimal current, BigDecimal previous) {
        if (current == null || previous == null || previous.signum() == 0) {
            return null;
        }
        return current.subtract(previous)
                .divide(previous.abs(), MathContext.DECIMAL64)
                .multiply(BigDecimal.valueOf(100));
    }

    /** Column index (within the values) of a metric's current value. */
    static int indexOf(Data data, String metric) {
        int col = 0;
        for (Metric m : data.metrics()) {
            if (m.metric().equals(metric)) {
                return col;
            }
            col += m.compare() ? 3 : 1;
        }
        return -1;
    }

    static List<Map.Entry<Map<String, String>, BigDecimal[]>> sorted(Data data, int sortColumn) {
        List<Map.Entry<Map<String, String>, BigDecimal[]>> entries =
                new ArrayList<>(data.rows().entrySet());
        Comparator<Map.Entry<Map<String, String>, BigDecimal[]>> byValue = Comparator.comparing(
                e -> sortColumn < 0 ? null : e.getValue()[sortColumn],
                Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()));
        entries.sort(byValue.thenComparing(e -> e.getKey().toString()));
        return entries;
    }

    static ReportTable layout(
            MetricReader reader,
            String id,
            String title,
            String note,
            List<String> dimensionHeadings,
            Data data,
            int sortColumn,
            int pdfRows) {
        List<Column> columns = new ArrayList<>();
        dimensionHeadings.forEach(h -> columns.add(Column.text(h)));
        for (Metric m : data.metrics()) {
            ValueKind kind = Metrics.kindOf(reader.definition(m.metric()));
            columns.add(Column.of(m.heading(), kind));
            if (m.compare()) {
                columns.add(Column.of(m.heading() + " previous", kind));
                columns.add(Column.of(m.heading() + " change", ValueKind.PERCENT_CHANGE));
            }
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (Map.Entry<Map<String, String>, BigDecimal[]> e : sorted(data, sortColumn)) {
            List<Cell> row = new ArrayList<>();
            for (String d : data.dimensions()) {
                row.add(Cell.text(label(e.getKey().get(d))));
            }
            for (int i = 0; i < e.getValue().length; i++) {
                row.add(Cell.of(columns.get(data.dimensions().size() + i).kind(), e.getValue()[i]));
            }
            rows.add(row);
        }
        return new ReportTable(id, title, note, columns, rows, pdfRows);
    }

    static String label(String dimensionValue) {
        return dimensionValue == null || dimensionValue.isEmpty() || dimensionValue.equals("none")
                ? "(none)"
                : dimensionValue;
    }

    static boolean mayAny(ReportRequest request, Audience... audiences) {
        for (Audience a : audiences) {
            if (request.may(a)) {
                return true;
            }
        }
        return false;
    }
}
