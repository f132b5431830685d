package com.dce.analytics.report.content;

import com.dce.analytics.metrics.Audience;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A generated report: what it covers, the period it is compared with, what was left out for the
 * reader's role, and its sections in reading order. Numbers are exact; exports round them for
 * display only.
 */
public record Report(
        UUID id,
        String title,
        ReportPeriod period,
        ReportPeriod previous,
        Instant generatedAt,
        String currency,
        Set<Audience> audiences,
        List<String> omitted,
        List<Section> sections) {

    public Report {
        audiences = Set.copyOf(audiences);
        omitted = List.copyOf(omitted);
        sections = List.copyOf(sections);
    }

    public ReportKind kind() {
        return period.kind();
    }

    public Optional<ReportTable> table(String id) {
        return sections.stream()
                .filter(s -> s instanceof ReportTable && s.id().equals(id))
                .map(ReportTable.class::cast)
                .findFirst();
    }

    public List<ReportChart> charts() {
        return sections.stream()
                .filter(ReportChart.class::isInstance)
                .map(ReportChart.class::cast)
                .toList();
    }

    public List<ReportTable> tables() {
        return sections.stream()
                .filter(ReportTable.class::isInstance)
                .map(ReportTable.class::cast)
                .toList();
    }
}
