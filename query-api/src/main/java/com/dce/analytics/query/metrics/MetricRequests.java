package com.dce.analytics.query.metrics;

import com.dce.analytics.metrics.MetricDefinition;
import com.dce.analytics.store.query.MetricQuery;
import com.dce.analytics.store.query.QueryException;
import com.dce.analytics.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns API arguments into engine queries: time range (default the last hour), step, filters
 * ({@code filter=state:CA,NY} repeatable, or {@code dim.state=CA}), grouping ({@code group_by=a,b};
 * absent means the metric's own grouping, empty means none) and time zone.
 */
public final class MetricRequests {

    public static final String DEFAULT_FROM = "now-1h";

    private MetricRequests() {}

    /** Parsed time arguments. */
    public record Range(Instant from, Instant to, ZoneId zone) {}

    public static Range range(String from, String to, String tz, Instant now) {
        ZoneId zone = TimeExpressions.zone(tz);
        Instant f = TimeExpressions.instant(from == null || from.isBlank() ? DEFAULT_FROM : from, "from", now, zone);
        Instant t = TimeExpressions.instant(to == null || to.isBlank() ? "now" : to, "to", now, zone);
        if (!f.isBefore(t)) {
            throw new QueryException(
                    QueryException.Kind.BAD_RANGE, "'from' (" + f + ") must be before 'to' (" + t + ")");
        }
        return new Range(f, t, zone);
    }

    public static MetricQuery query(
            MetricDefinition metric,
            Range range,
            Duration step,
            Map<String, Set<String>> filters,
            List<String> groupBy) {
        return new MetricQuery(metric.name(), range.from(), range.to(), step, filters, groupBy, range.zone());
    }

    /**
     * Filters from {@code filter=dim:v1,v2} values and {@code dim.<dim>=v1,v2} parameters. Spring
     * splits a list parameter at commas, so {@code filter=state:CA,NY} arrives as {@code ["state:CA",
     * "NY"]}: a piece without a colon is one more value of the dimension before it (values therefore
     * cannot contain commas or colons; use {@code dim.<dim>=} repeated for such values).
     */
    public static Map<String, Set<String>> filters(List<String> filterParams, Map<String, List<String>> allParams) {
        Map<String, Set<String>> filters = new TreeMap<>();
        if (filterParams != null) {
            String previous = null;
            for (String f : filterParams) {
                int colon = f.indexOf(':');
                if (colon < 0 && previous != null && !f.isBlank()) {
                    add(filters, previous, f);
                    continue;
                }
                if (colon <= 0 || colon == f.length() - 1) {
                    throw ApiException.badRequest("'filter' must look like dimension:value1,value2; got '" + f + "'");
                }
                previous = f.substring(0, colon).trim();
                add(filters, previous, f.substring(colon + 1));
            }
        }
        if (allParams != null) {
            allParams.forEach((name, values) -> {
                if (name.startsWith("dim.") && name.length() > 4) {
                    values.forEach(v -> add(filters, name.substring(4), v));
                }
            });
        }
        return filters;
    }

    /** Filters given as a JSON object: {@code {"state": ["CA", "NY"]}} or {@code {"state": "CA,NY"}}. */
    public static Map<String, Set<String>> filters(Map<String, ?> json) {
        Map<String, Set<String>> filters = new TreeMap<>();
        if (json != null) {
            json.forEach((dim, value) -> {
                if (value instanceof List<?> list) {
                    list.forEach(v -> add(filters, dim, String.valueOf(v)));
                } else if (value != null) {
                    add(filters, dim, String.valueOf(value));
                }
            });
        }
        return filters;
    }

    /** null (the metric's own grouping) when absent; an empty list for {@code group_by=} or {@code none}. */
    public static List<String> groupBy(List<String> params) {
        if (params == null) {
            return null;
        }
        List<String> dims = new ArrayList<>();
        for (String p : params) {
            for (String d : p.split(",")) {
                String dim = d.trim();
                if (!dim.isEmpty() && !dim.equals("none")) {
                    dims.add(dim);
                }
            }
        }
        return List.copyOf(new LinkedHashSet<>(dims));
    }

    private static void add(Map<String, Set<String>> filters, String dim, String values) {
        Set<String> set = filters.computeIfAbsent(dim, d -> new java.util.TreeSet<>());
        Arrays.stream(values.split(","))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .forEach(set::add);
        if (set.isEmpty()) {
            throw ApiException.badRequest("filter on '" + dim + "' has no values");
        }
    }
}
