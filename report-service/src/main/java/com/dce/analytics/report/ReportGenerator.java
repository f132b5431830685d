package com.dce.analytics.report;

import com.dce.analytics.report.content.Report;
import com.dce.analytics.report.content.ReportRequest;
import com.dce.analytics.report.schedule.ReportSchedule;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;

/**
 * The spec's {@code ReportGenerator}: scheduled (daily, weekly, monthly) and custom reports, report
 * schedules, and the CSV and PDF exports. Periods are local to {@code zone}: a day is the
 * recipient's day, 23 or 25 hours long on daylight-saving days.
 */
public interface ReportGenerator {

    Report generateDailyReport(LocalDate date, ZoneId zone);

    /** The ISO week {@code week} of the week-based year {@code year}. */
    Report generateWeeklyReport(int week, int year, ZoneId zone);

    Report generateMonthlyReport(Month month, int year, ZoneId zone);

    /** A custom range, metrics, grouping and filters (no metrics: the standard content over the range). */
    Report generateCustomReport(ReportRequest params);

    /** Stores a schedule after checking it; returns it with its id. */
    ReportSchedule scheduleReport(ReportSchedule schedule);

    byte[] exportToCsv(Report report);

    byte[] exportToPdf(Report report);
}
