package com.dce.analytics.report.content;

import com.dce.analytics.metrics.Audience;
import com.dce.analytics.metrics.Formula;
import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.store.query.MetricQuery;
import com.dce.analytics.store.query.MetricQueryEngine;
import com.dce.analytics.store.query.MetricResult;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads report figures from the {@link MetricQueryEngine}, and only from it, so a report shows
 * the numbers query-api shows. What it adds is calendar arithmetic in the report's time zone:
 *
 * <ul>
 *   <li>a period within one local day is read grouped by {@code day_of_week}, which makes the
 *       engine merge exactly that day's hourly windows (23, 24 or 25 of them) into one value;
 *   <li>a period of several whole local days is read with one step spanning the whole period,
 *       which the engine aligns on local midnight;
 *   <li>per-day values are read in chunks of at most seven days grouped by {@code day_of_week},
 *       so each local date (daylight-saving days included) is one group, formula applied last.
 * </ul>
 *
 * Ratios are therefore never averaged and sums never re-added here.
 */
public final class MetricReader {

    private static final String DAY_OF_WEEK = "day_of_week";
    private static final Duration HOUR = Duration.ofHours(1);

    private final MetricQueryEngine engine;
    private final AtomicInteger queries = new AtomicInteger();
    private final Set<Audience> audiences = java.util.EnumSet.noneOf(Audience.class);

    public MetricReader(MetricQueryEngine engine) {
        this.engine = engine;
    }

    public MetricDefinition definition(String metric) {
        return engine.catalog()
                .find(metric)
                .orElseThrow(() -> new IllegalArgumentException("unknown metric '" + metric + "'"));
    }

    /** The audiences of the metrics read so far: who may read what was built from them. */
    public synchronized Set<Audience> audiences() {
        return Set.copyOf(audiences);
    }

    /** Engine queries run so far, for the benchmark's figures. */
    public int queryCount() {
        return queries.get();
    }

    /** The value of one ungrouped metric over the whole period (0 for counts and sums without data). */
    public BigDecimal total(String metric, ReportPeriod period, Map<String, Set<String>> filters) {
        return totals(metric, period, List.of(), filters).getOrDefault(Map.of(), emptyValue(metric));
    }

    /** One value per group over the whole period; groups without data are absent. */
    public Map<Map<String, String>, BigDecimal> totals(
            String metric, ReportPeriod period, List<String> groupBy, Map<String, Set<String>> filters) {
        Map<Map<String, String>, BigDecimal> out = new LinkedHashMap<>();
        if (period.withinOneDay()) {
            MetricResult result = query(metric, period.from(), period.to(), HOUR, filters, withDay(groupBy), period);
            for (MetricResult.Series s : result.series()) {
                out.put(withoutDay(s.group()), first(s));
            }
            return out;
        }
        if (!period.wholeDays()) {
            throw new IllegalArgumentException(
                    "a period longer than a day must start and end at local midnight: " + period.describe());
        }
        MetricResult result = query(metric, period.from(), period.to(), period.length(), filters, groupBy, period);
        for (MetricResult.Series s : result.series()) {
            if (!groupBy.isEmpty() || !s.points().isEmpty()) {
                out.put(s.group(), first(s));
            }
        }
        return out;
    }

    /** Values per local date of the period (which must be whole days), per group. */
    public Map<LocalDate, Map<Map<String, String>, BigDecimal>> daily(
            String metric, ReportPeriod period, List<String> groupBy, Map<String, Set<String>> filters) {
        Map<LocalDate, Map<Map<String, String>, BigDecimal>> out = new TreeMap<>();
        List<LocalDate> dates = period.dates();
        for (int i = 0; i < dates.size(); i += 7) {
            List<LocalDate> chunk = dates.subList(i, Math.min(i + 7, dates.size()));
            Map<String, LocalDate> byWeekday = new HashMap<>();
            for (LocalDate d : chunk) {
                byWeekday.put(weekday(d.getDayOfWeek()), d);
                out.put(d, new LinkedHashMap<>());
            }
            ReportPeriod slice = ReportPeriod.custom(
                    chunk.getFirst().atStartOfDay(), chunk.getLast().plusDays(1).atStartOfDay(), period.zone());
            MetricResult result = query(metric, slice.from(), slice.to(), HOUR, filters, withDay(groupBy), period);
            for (MetricResult.Series s : result.series()) {
                LocalDate date = byWeekday.get(s.group().get(DAY_OF_WEEK));
                if (date != null) {
                    out.get(date).put(withoutDay(s.group()), first(s));
                }
            }
        }
        return out;
    }

    /** Hourly points over the period (23, 24 or 25 a local day), ungrouped. */
    public List<MetricResult.Point> hourly(String metric, ReportPeriod period, Map<String, Set<String>> filters) {
        MetricResult result = query(metric, period.from(), period.to(), HOUR, filters, List.of(), period);
        return result.series().isEmpty()
                ? List.of()
                : result.series().getFirst().points();
    }

    /** What a metric is worth without data: 0 for counts and sums (nothing happened), null for ratios and means. */
    public BigDecimal emptyValue(String metric) {
        return additive(definition(metric).formula()) ? BigDecimal.ZERO : null;
    }

    static boolean additive(Formula f) {
        return switch (f) {
            case Formula.Count c -> true;
            case Formula.Sum s -> true;
            case Formula.Difference d -> additive(d.minuend()) && additive(d.subtrahend());
            case Formula.Scale s -> additive(s.inner());
            case Formula.PerTime p -> additive(p.inner());
            default -> false;
        };
    }

    private MetricResult query(
            String metric,
            java.time.Instant from,
            java.time.Instant to,
            Duration step,
            Map<String, Set<String>> filters,
            List<String> groupBy,
            ReportPeriod period) {
        queries.incrementAndGet();
        synchronized (this) {
            audiences.add(definition(metric).audience());
        }
        return engine.query(new MetricQuery(metric, from, to, step, filters, groupBy, period.zone()));
    }

    private static BigDecimal first(MetricResult.Series s) {
        return s.points().isEmpty() ? null : s.points().getFirst().value();
    }

    private static List<String> withDay(List<String> groupBy) {
        List<String> g = new ArrayList<>(groupBy);
        g.add(DAY_OF_WEEK);
        return g;
    }

    private static Map<String, String> withoutDay(Map<String, String> group) {
        Map<String, String> g = new TreeMap<>(group);
        g.remove(DAY_OF_WEEK);
        return g;
    }

    /** How the engine names a weekday in the day_of_week grouping. */
    static String weekday(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ROOT);
    }
}
