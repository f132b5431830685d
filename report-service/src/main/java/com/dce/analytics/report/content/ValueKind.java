package com.dce.analytics.report.content;

/**
 * What a number in a report is, which decides how it is shown (see {@code Display}): counts as
 * integers, money and decimals with two decimals, ratios as percentages with two decimals, changes
 * as relative percent or percentage points.
 */
public enum ValueKind {
    TEXT,
    COUNT,
    MONEY,
    RATIO,
    DECIMAL,
    PERCENT_CHANGE,
    POINTS_CHANGE
}
