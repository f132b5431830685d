package com.dce.analytics.report.export;

import com.dce.analytics.report.content.Cell;
import com.dce.analytics.report.content.Column;
import com.dce.analytics.report.content.Report;
import com.dce.analytics.report.content.ReportChart;
import com.dce.analytics.report.content.ReportTable;
import com.dce.analytics.report.content.Section;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as one CSV file: a header block (report, period, time zone, comparison period,
 * rounding), then each table and each chart's data as a block: a title record, a heading record,
 * the data records and an empty record. Every record has the same number of fields (RFC 4180).
 * Tables are complete here even when the PDF prints only their first rows.
 */
public final class CsvExporter {

    public byte[] export(Report report) {
        int width = 2;
        for (Section s : report.sections()) {
            width = Math.max(width, s instanceof ReportTable t ? t.columns().size() : 2);
        }
        Csv csv = new Csv(width);
        csv.record("Report", report.title());
        csv.record("Period", report.period().describe());
        csv.record("Time zone", report.period().zone().getId());
        csv.record("Compared with", report.previous().describe());
        csv.record("Generated at", DateTimeFormatter.ISO_INSTANT.format(report.generatedAt()));
        csv.record("Currency", report.currency());
        csv.record(
                "Rounding", "money and decimals to 2 places, ratios as percent to 2 places, counts whole; half-even");
        for (String omitted : report.omitted()) {
            csv.record("Omitted", omitted);
        }
        csv.record();
        for (Section s : report.sections()) {
            switch (s) {
                case ReportTable t -> table(csv, t);
                case ReportChart c -> chart(csv, c);
            }
        }
        return csv.toBytes();
    }

    private static void table(Csv csv, ReportTable t) {
        csv.record(t.title());
        List<String> headings = new ArrayList<>();
        for (Column c : t.columns()) {
            headings.add(Display.csvHeading(c.name(), c.kind()));
        }
        csv.record(headings);
        for (List<Cell> row : t.rows()) {
            List<String> fields = new ArrayList<>(row.size());
            for (Cell cell : row) {
                fields.add(cell.textual() ? Csv.safeText(cell.text()) : Display.csv(cell));
            }
            csv.record(fields);
        }
        csv.record();
    }

    private static void chart(Csv csv, ReportChart c) {
        csv.record("Chart: " + c.title());
        csv.record("Label", Display.csvHeading(c.valueLabel(), c.kind()));
        for (ReportChart.Point p : c.points()) {
            csv.record(Csv.safeText(p.label()), Display.csv(Cell.of(c.kind(), p.value())));
        }
        csv.record();
    }
}
