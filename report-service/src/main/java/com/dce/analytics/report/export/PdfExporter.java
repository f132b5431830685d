package com.dce.analytics.report.export;

import com.dce.analytics.report.content.Cell;
import com.dce.analytics.report.content.Column;
import com.dce.analytics.report.content.Report;
import com.dce.analytics.report.content.ReportChart;
import com.dce.analytics.report.content.ReportTable;
import com.dce.analytics.report.content.Section;
import com.dce.analytics.report.content.ValueKind;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as a PDF (PDFBox): title and period, what was left out for the reader's role, then the
 * sections in order, tables with their heading row repeated across pages and charts rendered by
 * JFreeChart. Long tables print their first rows only; the CSV has them whole.
 */
public final class PdfExporter {

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private static final float CHART_W = 640;
    private static final float CHART_H = 260;

    private final ChartRenderer charts;

    public PdfExporter(ChartRenderer charts) {
        this.charts = charts;
    }

    public byte[] export(Report report) {
        try (PdfLayout pdf = new PdfLayout()) {
            pdf.heading(report.title(), 18);
            pdf.paragraph("Period: " + report.period().describe(), 10);
            pdf.paragraph("Compared with: " + report.previous().describe(), 10);
            pdf.paragraph(
                    "Generated " + GENERATED.format(report.generatedAt().atOffset(ZoneOffset.UTC)) + ". Amounts in "
                            + report.currency() + ", rounded half-even to 2 decimals for display; ratios in percent.",
                    10);
            for (String omitted : report.omitted()) {
                pdf.paragraph("Not included for this reader: " + omitted + ".", 9);
            }
            pdf.space(6);
            for (Section s : report.sections()) {
                switch (s) {
                    case ReportTable t -> table(pdf, t);
                    case ReportChart c -> chart(pdf, report, c);
                }
            }
            pdf.footers(report.title());
            return pdf.toBytes();
        }
    }

    private static void table(PdfLayout pdf, ReportTable t) {
        // keep a heading with its first rows
        pdf.ensure(110);
        pdf.heading(t.title(), 12);
        if (t.note() != null && !t.note().isBlank()) {
            pdf.paragraph(t.note(), 8);
            pdf.space(3);
        }
        if (t.rows().isEmpty()) {
            pdf.paragraph("No data in this period.", 9);
            pdf.space(6);
            return;
        }
        int shown = t.pdfRows() > 0
                ? Math.min(t.pdfRows(), t.rows().size())
                : t.rows().size();
        List<String> headings = t.columns().stream().map(Column::name).toList();
        boolean[] numeric = new boolean[t.columns().size()];
        for (int i = 0; i < numeric.length; i++) {
            numeric[i] = t.columns().get(i).kind() != ValueKind.TEXT;
        }
        List<List<String>> rows = new ArrayList<>();
        for (List<Cell> row : t.rows().subList(0, shown)) {
            rows.add(row.stream().map(Display::pdf).toList());
        }
        pdf.table(new PdfLayout.Table(headings, rows, numeric), 8);
        if (shown < t.rows().size()) {
            pdf.paragraph("First " + shown + " of " + t.rows().size() + " rows; the CSV export has all of them.", 8);
            pdf.space(6);
        }
    }

    private void chart(PdfLayout pdf, Report report, ReportChart c) {
        boolean nothing =
                c.points().stream().allMatch(p -> p.value() == null || p.value().signum() == 0);
        if (c.points().isEmpty() || (nothing && c.type() != ReportChart.Type.LINE)) {
            return;
        }
        pdf.image(charts.render(c, report.period().zone(), (int) CHART_W * 2, (int) CHART_H * 2), CHART_W, CHART_H);
        pdf.space(6);
    }
}
