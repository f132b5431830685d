package com.dce.analytics.report.content;

import java.util.List;

/**
 * A table of a report. {@code pdfRows} limits how many rows the PDF prints (the CSV always has
 * them all), for tables such as "by seller" that can hold hundreds of rows; 0 means all.
 */
public record ReportTable(
        String id, String title, String note, List<Column> columns, List<List<Cell>> rows, int pdfRows)
        implements Section {

    public ReportTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<Cell> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        id + ": a row has " + row.size() + " cells for " + columns.size() + " columns");
            }
        }
    }

    /** The row whose first cell reads {@code label}, if any. */
    public java.util.Optional<List<Cell>> row(String label) {
        return rows.stream()
                .filter(r -> !r.isEmpty() && label.equals(r.getFirst().text()))
                .findFirst();
    }
}
