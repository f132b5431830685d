package com.dce.analytics.alert.evaluation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What one metric read of a rule looks like: the metric, the window, the filters and the grouping.
 * Rules with the same shape share one read per cycle.
 */
record QueryShape(String metric, Duration window, Map<String, Set<String>> filters, List<String> groupBy) {

    QueryShape {
        TreeMap<String, Set<String>> sorted = new TreeMap<>();
        filters.forEach((k, v) -> sorted.put(k, new TreeSet<>(v)));
        filters = sorted;
        groupBy = List.copyOf(groupBy);
    }

    static QueryShape of(String metric, Duration window, Map<String, List<String>> filters, List<String> groupBy) {
        TreeMap<String, Set<String>> f = new TreeMap<>();
        filters.forEach((k, v) -> f.put(k, new TreeSet<>(v)));
        return new QueryShape(metric, window, f, groupBy);
    }
}
