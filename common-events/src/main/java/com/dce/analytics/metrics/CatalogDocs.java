package com.dce.analytics.metrics;

import com.dce.analytics.events.catalog.EventCatalog;
import com.dce.analytics.events.catalog.EventType;
import com.dce.analytics.events.catalog.PropertySpec;
import java.util.stream.Collectors;

/** Renders docs/metrics.md from the catalogs, so the documentation is the code. */
public final class CatalogDocs {

    private CatalogDocs() {}

    public static String render(MetricCatalog metrics, EventCatalog events) {
        StringBuilder out = new StringBuilder();
        out.append("# Metric and event catalog\n\n");
        out.append("Generated from `MetricCatalog`, `SeriesCatalog` and `EventCatalog` in common-events ")
                .append("(`CatalogDocsTest` fails when this file and the code disagree; regenerate with ")
                .append("`./mvnw -pl common-events test -Dtest=CatalogDocsTest -Dcea.writeDocs=true`).\n\n");
        out.append("Metrics are formulas over *base series*. The stream aggregator keeps each base series per ")
                .append("window (count, exact decimal sum, min, max, latest value, and a DDSketch with 1% relative ")
                .append("accuracy where percentiles are needed); a metric over any range and grouping is computed ")
                .append("by merging windows first and applying the formula last, so ratios and percentiles are never ")
                .append("averaged. Every metric can also be grouped by `hour_of_day` and `day_of_week` ")
                .append("(in the time zone of the query).\n\n");
        out.append("## Metrics\n\n");
        String category = "";
        for (MetricDefinition m : metrics.all()) {
            if (!m.category().equals(category)) {
                category = m.category();
                out.append("\n### ").append(category).append("\n\n");
                out.append("| metric | unit | audience | window | grouped by | dimensions | formula | meaning |\n");
                out.append("|---|---|---|---|---|---|---|---|\n");
            }
            out.append("| `")
                    .append(m.name())
                    .append("` | ")
                    .append(m.unit())
                    .append(" | ")
                    .append(m.audience().name().toLowerCase())
                    .append(" | ")
                    .append(m.window())
                    .append(" | ")
                    .append(String.join(", ", m.defaultGroupBy()))
                    .append(" | ")
                    .append(m.dimensions().stream().sorted().collect(Collectors.joining(", ")))
                    .append(" | `")
                    .append(m.formula().describe().replace("|", "\\|"))
                    .append("` | ")
                    .append(m.description())
                    .append(" |\n");
        }
        out.append("\nA metric can be grouped and filtered only by the dimensions every series of its formula ")
                .append("carries (outside a share's whole), so both sides of a ratio or a difference always come ")
                .append(
                        "from the same population: a filter on a dimension one side lacks would narrow only the other.\n");
        out.append("\n## Rounding of money\n\n")
                .append("Each completed call's charge is `bid_amount × duration_seconds / 60`, computed exactly and ")
                .append("rounded half-even to 4 decimals, once, per call (`SeriesCatalog.callRevenue`). Every revenue ")
                .append("figure (a window, a bucket, a day, a report total, a buyer's share) is the exact decimal sum ")
                .append("of those charges: sums are never rounded on the way, so an hour's figures add up to the day ")
                .append(
                        "to the last of the 4 decimals. Money properties of events carry at most 4 decimals. The Redis ")
                .append("TimeSeries adapter keeps money sums as whole units of 10^-4, exact up to 2^53 such units. ")
                .append("Displays (console, PDF, CSV) round the exact figure half-even to cents only when shown.\n");
        out.append("\n## Merge rules\n\n")
                .append("A window is kept per series key and per shard (the aggregator's source partition). Each ")
                .append("base series declares in `SeriesCatalog` how its windows combine (`SeriesMerge`), and ")
                .append("every reader applies that rule: PostgreSQL, both Redis adapters and the query engine.\n\n")
                .append("| rule | meaning |\n|---|---|\n");
        for (SeriesMerge merge : SeriesMerge.values()) {
            out.append("| `")
                    .append(merge.name())
                    .append("` | ")
                    .append(merge.rule())
                    .append(" |\n");
        }
        out.append(
                "\n## Base series\n\n| series | unit | dimensions | windows | sketch | merge | fed by | meaning |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (SeriesDefinition s : metrics.series().all()) {
            out.append("| `")
                    .append(s.name())
                    .append("` | ")
                    .append(s.unit())
                    .append(" | ")
                    .append(String.join(", ", s.dimensions()))
                    .append(" | ")
                    .append(s.windows().stream().map(WindowSpec::label).collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(s.sketch() ? "yes" : "")
                    .append(" | `")
                    .append(s.merge().name())
                    .append("` | ")
                    .append(
                            s.sources().isEmpty()
                                    ? "the aggregator itself"
                                    : s.sources().stream()
                                            .map(SeriesSource::eventType)
                                            .distinct()
                                            .collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(s.description())
                    .append(" |\n");
        }
        out.append("\nWindows: `10s`, `1m` and `1h` are tumbling; `5m` is the spec's sliding window, five minutes ")
                .append("long with a new window every minute.\n");
        out.append("\n## Event types\n\nEvery event has the envelope of the spec (`event_id` UUID, `event_type`, ")
                .append("`event_time` RFC 3339, `entity_type`, `entity_id`, optional `user_id`, `properties`, ")
                .append("optional `context`). Money is in the account currency with at most 4 decimals; ")
                .append("personal data (marked *pii*) is pseudonymised by ingest.\n");
        for (EventType t : events.all()) {
            out.append("\n### `")
                    .append(t.name())
                    .append("` (entity `")
                    .append(t.entityType())
                    .append("`, topic `")
                    .append(t.family().topic())
                    .append("`)\n\n")
                    .append(t.description())
                    .append("\n\n");
            out.append("| property | type | required | unit | range / values | meaning |\n|---|---|---|---|---|---|\n");
            for (PropertySpec p : t.properties()) {
                String range = !p.allowedValues().isEmpty()
                        ? String.join(", ", p.allowedValues())
                        : p.min() != null
                                ? p.min().toPlainString() + " – " + p.max().toPlainString()
                                : "";
                out.append("| `")
                        .append(p.name())
                        .append("` | ")
                        .append(p.type().name().toLowerCase())
                        .append(p.pii() ? " (pii)" : "")
                        .append(" | ")
                        .append(p.required() ? "yes" : "no")
                        .append(" | ")
                        .append(p.unit())
                        .append(" | ")
                        .append(range)
                        .append(" | ")
                        .append(p.description())
                        .append(" |\n");
            }
        }
        return out.toString();
    }
}
