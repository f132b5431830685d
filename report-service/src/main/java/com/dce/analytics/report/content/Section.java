package com.dce.analytics.report.content;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A part of a report, in reading order: a table or a chart. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ReportTable.class, name = "table"),
    @JsonSubTypes.Type(value = ReportChart.class, name = "chart")
})
public sealed interface Section permits ReportTable, ReportChart {

    String id();

    String title();
}
