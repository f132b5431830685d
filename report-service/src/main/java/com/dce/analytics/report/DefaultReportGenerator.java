package com.dce.analytics.report;

import com.dce.analytics.report.content.Progress;
import com.dce.analytics.report.content.Report;
import com.dce.analytics.report.content.ReportBuilder;
import com.dce.analytics.report.content.ReportPeriod;
import com.dce.analytics.report.content.ReportRequest;
import com.dce.analytics.report.export.CsvExporter;
import com.dce.analytics.report.export.PdfExporter;
import com.dce.analytics.report.schedule.ReportSchedule;
import com.dce.analytics.report.schedule.ScheduleService;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * {@link ReportGenerator} over the report builder, the exporters and the schedule service. The
 * standard reports made here contain every audience's figures (they are for trusted callers such
 * as the scheduler and tests); the REST API builds reports for the caller's role instead.
 */
public final class DefaultReportGenerator implements ReportGenerator {

    private final ReportBuilder builder;
    private final CsvExporter csv;
    private final PdfExporter pdf;
    private final ScheduleService schedules;

    public DefaultReportGenerator(ReportBuilder builder, CsvExporter csv, PdfExporter pdf, ScheduleService schedules) {
        this.builder = builder;
        this.csv = csv;
        this.pdf = pdf;
        this.schedules = schedules;
    }

    @Override
    public Report generateDailyReport(LocalDate date, ZoneId zone) {
        return builder.build(ReportRequest.everything(ReportPeriod.day(date, zone)), Progress.NONE);
    }

    @Override
    public Report generateWeeklyReport(int week, int year, ZoneId zone) {
        return builder.build(ReportRequest.everything(ReportPeriod.isoWeek(year, week, zone)), Progress.NONE);
    }

    @Override
    public Report generateMonthlyReport(Month month, int year, ZoneId zone) {
        return builder.build(
                ReportRequest.everything(ReportPeriod.month(YearMonth.of(year, month), zone)), Progress.NONE);
    }

    @Override
    public Report generateCustomReport(ReportRequest params) {
        return builder.build(params, Progress.NONE);
    }

    @Override
    public ReportSchedule scheduleReport(ReportSchedule schedule) {
        return schedules.create(schedule);
    }

    @Override
    public byte[] exportToCsv(Report report) {
        return csv.export(report);
    }

    @Override
    public byte[] exportToPdf(Report report) {
        return pdf.export(report);
    }
}
