package com.dce.analytics.report.content;

/** The four kinds of report of the spec's ReportGenerator. */
public enum ReportKind {
    DAILY,
    WEEKLY,
    MONTHLY,
    CUSTOM
}
